package io.floorgate.buffer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code kill -9} trial of a {@link StoreCandidate}: a child JVM appends records and drains the
 * head as fast as it can, printing the highest key of every commit; the parent kills it at a
 * random moment, reopens the store and checks that it opens, and that every key the child
 * reported committed and had not drained is there. Repeated {@code rounds} times on one directory.
 *
 * <pre>
 * mvn -B -q -pl gateway/core -am test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "$(cat gateway/core/target/test-classpath.txt):gateway/core/target/test-classes:gateway/core/target/classes" \
 *   io.floorgate.buffer.StoreKillTrial mvstore-lzf 25     # or: sqlite 25
 * </pre>
 */
public final class StoreKillTrial {

  private StoreKillTrial() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("child")) {
      child(args[1], Path.of(args[2]));
      return;
    }
    String store = args[0];
    int rounds = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("floorgate-kill-trial");
    int failures = 0;
    long before = 0;
    for (int round = 1; round <= rounds; round++) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          StoreKillTrial.class.getName(), "child", store, dir.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      long committed = 0;
      long drainedTo = 0;
      long killAt = System.nanoTime()
          + TimeUnit.MILLISECONDS.toNanos(800 + ThreadLocalRandom.current().nextInt(1500));
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while (System.nanoTime() < killAt && (line = out.readLine()) != null) {
          String[] parts = line.split(" ");
          committed = Long.parseLong(parts[0]);
          drainedTo = Long.parseLong(parts[1]);
        }
        child.destroyForcibly(); // SIGKILL
        child.waitFor();
      }
      String verdict;
      try (StoreCandidate reopened = StoreCandidate.open(store, dir)) {
        long count = reopened.count();
        // Everything committed and not drained must be there; the child may have gone further.
        long expectedAtLeast = before + committed - drainedTo;
        before = count;
        verdict = count >= expectedAtLeast ? "ok" : "LOST " + (expectedAtLeast - count);
        if (!verdict.equals("ok")) {
          failures++;
        }
        System.out.printf("round %d: committed up to %d, drained to %d, %d records after reopen:"
            + " %s%n", round, committed, drainedTo, count, verdict);
      } catch (Exception e) {
        failures++;
        System.out.printf("round %d: store does not open after kill -9: %s%n", round, e);
        try (var files = Files.list(dir)) {
          files.forEach(p -> p.toFile().delete());
        }
        before = 0;
      }
    }
    System.out.printf("%s: %d of %d rounds failed%n", store, failures, rounds);
  }

  /** Appends and drains forever; stdout gets "lastCommittedKey lastDrainedKey" per commit. */
  private static void child(String store, Path dir) throws Exception {
    try (StoreCandidate candidate = StoreCandidate.open(store, dir)) {
      long key = candidate.count() == 0 ? 0 : System.nanoTime();
      long drained = 0;
      long start = key;
      while (true) {
        for (int i = 0; i < StoreChoiceBenchmark.COMMIT_EVERY; i++) {
          candidate.put(key++, StoreChoiceBenchmark.record((int) key));
        }
        drained += candidate.drain(StoreChoiceBenchmark.COMMIT_EVERY / 2);
        candidate.commit();
        System.out.println((key - start) + " " + drained);
      }
    }
  }
}
