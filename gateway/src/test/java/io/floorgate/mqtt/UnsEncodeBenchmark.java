package io.floorgate.mqtt;

import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.time.Instant;
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
 * UNS JSON encoding of one reading (the payload bytes the publisher sends). With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is the allocation per reading.
 *
 * <pre>mvn -B -q -Pbench -pl gateway -am test-compile -Djmh.args='UnsEncodeBenchmark -prof gc'</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class UnsEncodeBenchmark {

  private UnsJsonEncoder encoder;
  private Reading reading;

  @Setup
  public void setUp() {
    encoder = new UnsJsonEncoder();
    Instant t = Instant.parse("2026-11-26T07:40:01.250Z");
    reading = new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/zone05/temperature", 741.25, "°C",
        Quality.GOOD, Status.GOOD, t, t, TimestampSource.SOURCE, t.plusMillis(12));
  }

  @Benchmark
  public byte[] encode() {
    return encoder.encode(reading);
  }
}
