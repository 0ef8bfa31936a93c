package io.floorgate.normalize;

import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.driver.Sample;
import io.floorgate.driver.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The normalizer's hot path, one sample per operation, cycling through the tags of
 * {@code config/isohara.yaml} with values that always change (so nothing is suppressed by
 * exception): scaling, °F → °C conversion, enum names, plain doubles. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} is the allocation per reading.
 *
 * <pre>mvn -B -q -Pbench -pl gateway/core -am test-compile -Djmh.args='NormalizeBenchmark -prof gc'</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class NormalizeBenchmark {

  private Normalizer normalizer;
  private Sample[] samples;
  private long n;

  @Setup
  public void setUp() throws Exception {
    GatewayConfig config = ConfigLoader.load(java.nio.file.Path.of("../../config/isohara.yaml"), Map.of());
    Instant now = Instant.parse("2026-11-26T07:40:00Z");
    normalizer = new Normalizer(config, Clock.fixed(now, ZoneOffset.UTC));
    samples = new Sample[] {
        sample("rhk01", "rhk01/zone05/temperature", 741.25, now),
        sample("rhk01", "rhk01/cooling-water/flow", 12_440L, now),
        sample("mx01", "mx01/bearing/temperature", 138.5, now),
        sample("mx01", "mx01/state", 2L, now),
    };
  }

  private static Sample sample(String connection, String tag, Object value, Instant t) {
    return new Sample(connection, tag, value, Status.GOOD, t, t, t);
  }

  @Benchmark
  public Object normalize() {
    Sample s = samples[(int) (n++ & 3)];
    // A value that differs each time, as a busy PLC's does.
    Object value = s.value() instanceof Double d ? d + (n & 1023) : (Object) (((Long) s.value() + (n & 1)) & 3);
    return normalizer.normalize(new Sample(s.connection(), s.tag(), value, s.status(), s.sourceTime(),
        s.serverTime(), s.receivedAt()));
  }
}
