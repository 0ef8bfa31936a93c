package io.floorgate.sparkplug;

import io.floorgate.config.TagConfig;
import io.floorgate.reading.Quality;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sparkplug DDATA encoding as the node does it (aliases on, GOOD values, no quality property):
 * one operation is one metric of a {@value #METRICS}-metric DDATA, the batch size seen at
 * 50,000 values/s. With {@code -prof gc}, {@code gc.alloc.rate.norm} is the allocation per
 * reading (metric).
 *
 * <pre>mvn -B -q -Pbench -pl gateway/core -am test-compile -Djmh.args='SparkplugEncodeBenchmark -prof gc'</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class SparkplugEncodeBenchmark {

  static final int METRICS = 28;

  private Payloads payloads;
  private List<MetricState> states;
  private long n;

  @Setup
  public void setUp() {
    payloads = new Payloads(true);
    DeviceState device = new DeviceState("rhk01", Duration.ZERO);
    states = new ArrayList<>();
    for (int i = 0; i < METRICS; i++) {
      String path = String.format("rhk01/load/v%05d", i);
      MetricState m = new MetricState(device, path, i + 1, new TagConfig(path,
          "ns=2;s=RHK01.Load.V" + i, null, null, null, null, Map.of(), null, null),
          MetricDataType.Double);
      m.sentQuality = Quality.GOOD;
      states.add(m);
    }
  }

  @Benchmark
  @OperationsPerInvocation(METRICS)
  public byte[] ddata() {
    Date now = new Date(1_795_678_801_250L + n++);
    List<Metric> metrics = new ArrayList<>(METRICS);
    for (int i = 0; i < METRICS; i++) {
      metrics.add(payloads.data(states.get(i), 741.25 + n + i, Quality.GOOD, now, false));
    }
    return payloads.encode(new SparkplugBPayload(now, metrics, n & 255), true);
  }
}
