package io.floorgate.buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * Which embedded store the queue should live on: each candidate appends, then drains (read from
 * the head and remove), {@value #RECORDS} records of a reading's size, committing every
 * {@value #COMMIT_EVERY} records (100 ms of a 10,000 values/s plant), on a fresh directory per
 * iteration. Scores are microseconds per record; records/s = 1e6 / score. The disk bytes per
 * record after the appends are printed at the end of each append iteration.
 *
 * <pre>mvn -B -q -Pbench -pl gateway/core -am test-compile -Djmh.args='StoreChoiceBenchmark'</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class StoreChoiceBenchmark {

  static final int RECORDS = 200_000;
  static final int COMMIT_EVERY = 1_000;

  @Param({"mvstore", "mvstore-lzf", "sqlite"})
  public String store;

  private Path dir;
  private StoreCandidate candidate;
  private byte[][] records;

  @Setup(Level.Iteration)
  public void open(BenchmarkParams params) throws Exception {
    records = new byte[RECORDS][];
    for (int i = 0; i < RECORDS; i++) {
      records[i] = record(i);
    }
    dir = Files.createTempDirectory("floorgate-store-bench");
    candidate = StoreCandidate.open(store, dir);
    if (params.getBenchmark().endsWith("drain")) {
      append();
    }
  }

  @TearDown(Level.Iteration)
  public void close(BenchmarkParams params) throws Exception {
    candidate.close();
    if (params.getBenchmark().endsWith("append")) {
      System.out.printf("%n%s: %.1f disk bytes per record%n", store,
          (double) candidate.diskBytes(dir) / RECORDS);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void append() throws Exception {
    for (int i = 0; i < RECORDS; i++) {
      candidate.put(i, records[i]);
      if (i % COMMIT_EVERY == COMMIT_EVERY - 1) {
        candidate.commit();
      }
    }
    candidate.commit();
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long drain() throws Exception {
    long total = 0;
    int n;
    while ((n = candidate.drain(COMMIT_EVERY)) > 0) {
      total += n;
      candidate.commit();
    }
    if (total != RECORDS) {
      throw new IllegalStateException("drained " + total + " of " + RECORDS);
    }
    return total;
  }

  /** About what a serialized reading is: its connection and path, a value, three times. */
  static byte[] record(int i) {
    byte[] path = ("jxnmm/isohara/calcination/rhk01/zone" + (i % 12) + "/load/v" + (i % 1000))
        .getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(64 + path.length);
    b.put((byte) 1).put("rhk01".getBytes(StandardCharsets.UTF_8)).put(path);
    b.putDouble(100 * Math.sin(i * 0.05)).put("°C".getBytes(StandardCharsets.UTF_8));
    b.put((byte) 0).putInt(0).put("Good".getBytes(StandardCharsets.UTF_8));
    long t = 1_795_000_000_000L + i * 10L;
    b.putLong(t).putLong(t).put((byte) 0).putLong(t + 12);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }
}
