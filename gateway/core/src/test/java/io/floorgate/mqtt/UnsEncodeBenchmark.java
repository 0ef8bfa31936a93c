package io.floorgate.mqtt;

import io.floorgate.buffer.BufferedReading;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * UNS JSON encoding (the payload bytes the publisher sends): of one reading, and of a batch of
 * {@value #BATCH} readings in the batched form, scored per reading. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} is the allocation per reading (for the batch, per batch: divide by
 * {@value #BATCH}).
 *
 * <pre>mvn -B -q -Pbench -pl gateway/core -am test-compile -Djmh.args='UnsEncodeBenchmark -prof gc'</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class UnsEncodeBenchmark {

  static final int BATCH = 500;

  private UnsJsonEncoder encoder;
  private Reading reading;
  private List<BufferedReading> run;

  @Setup
  public void setUp() {
    encoder = new UnsJsonEncoder();
    Instant t = Instant.parse("2026-11-26T07:40:01.250Z");
    reading = new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/zone05/temperature", 741.25, "°C",
        Quality.GOOD, Status.GOOD, t, t, TimestampSource.SOURCE, t.plusMillis(12));
    List<BufferedReading> readings = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      Instant ti = t.plusMillis(i);
      readings.add(new BufferedReading(1 + i / 256, i % 256, 256, new Reading("rhk01",
          String.format("jxnmm/isohara/calcination/rhk01/load/v%05d", i), 100.0 + i * 0.25,
          "°C", Quality.GOOD, Status.GOOD, ti, ti, TimestampSource.SOURCE, ti.plusMillis(12))));
    }
    run = readings;
  }

  @Benchmark
  public byte[] encode() {
    return encoder.encode(reading);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public UnsJsonEncoder.Batch encodeBatch() {
    return encoder.encodeBatch(run, SenderLoop.MAX_BATCH_BYTES);
  }
}
