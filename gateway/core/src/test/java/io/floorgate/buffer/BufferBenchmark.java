package io.floorgate.buffer;

import io.floorgate.config.BufferConfig;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The store-and-forward queue as the gateway uses it, on this machine's disk: {@code append}
 * queues {@value #READINGS} readings (encoding included), {@code perEntry} at a time as the
 * pipeline stages them (1: each on its own, as a reading arriving alone), and commits;
 * {@code appendAndDrain} does that, then reads them back in batches as the sender does,
 * acknowledges each and applies the acknowledgements until the queue is empty. Scores are
 * microseconds per reading (readings/s = 1e6 / score); with {@code -prof gc},
 * {@code gc.alloc.rate.norm} is the allocation per reading (the readings themselves are made once,
 * before, with their paths shared as the config's are). After the appends, the file's size per
 * reading is printed ("disk bytes per reading").
 *
 * <pre>mvn -B -q -Pbench -pl gateway/core -am test-compile -Djmh.args='BufferBenchmark -prof gc'</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class BufferBenchmark {

  static final int READINGS = 200_000;
  /** The sender reads this many at a time. */
  static final int BATCH = 256;

  private Path dir;
  private DiskBuffer buffer;
  private Reading[] readings;

  /** Readings queued together: one entry each, or a burst of the pipeline. */
  @Param({"1", "32", "256"})
  public int perEntry;

  @Setup(Level.Trial)
  public void readings() {
    readings = new Reading[READINGS];
    String[] paths = new String[1000];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = String.format("jxnmm/isohara/calcination/rhk01/load/v%05d", i);
    }
    Instant t0 = Instant.parse("2026-11-26T07:40:00Z");
    for (int i = 0; i < READINGS; i++) {
      // 1,000 tags, each a slowly moving double, as the simulator's load mode gives them.
      Instant t = t0.plusMillis(i / 10);
      readings[i] = new Reading("rhk01", paths[i % paths.length], 100 * Math.sin(i * 0.05), "°C",
          Quality.GOOD, Status.GOOD, t, t, TimestampSource.SOURCE, t.plusMillis(12));
    }
  }

  @Setup(Level.Iteration)
  public void open() throws IOException {
    dir = Files.createTempDirectory("floorgate-buffer-bench");
    buffer = DiskBuffer.open(BufferConfig.in(dir));
  }

  @TearDown(Level.Iteration)
  public void close(BenchmarkParams params) throws IOException {
    if (params.getBenchmark().endsWith("append")) {
      System.out.printf("%ndisk bytes per reading: %.1f (queued bytes per reading: %.1f)%n",
          (double) Files.size(buffer.file()) / READINGS, (double) buffer.bytes() / READINGS);
    }
    buffer.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  @OperationsPerInvocation(READINGS)
  public void append() {
    List<Reading> all = List.of(readings);
    for (int from = 0; from < READINGS; from += perEntry) {
      buffer.append(all.subList(from, Math.min(READINGS, from + perEntry)));
    }
    buffer.flush();
  }

  @Benchmark
  @OperationsPerInvocation(READINGS)
  public long appendAndDrain() {
    append();
    long drained = 0;
    long after = 0;
    List<BufferedReading> batch;
    while (!(batch = buffer.read(after, Long.MAX_VALUE, BATCH)).isEmpty()) {
      for (BufferedReading r : batch) {
        buffer.acknowledge(r);
        after = r.seq();
      }
      buffer.maintain();
      drained += batch.size();
    }
    buffer.flush();
    if (drained != READINGS || buffer.size() != 0) {
      throw new IllegalStateException("drained " + drained + ", left " + buffer.size());
    }
    return drained;
  }
}
