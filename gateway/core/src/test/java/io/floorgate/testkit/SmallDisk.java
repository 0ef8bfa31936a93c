package io.floorgate.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A small real filesystem (tmpfs) mounted in a test's directory, which the test fills and empties
 * with a ballast file. Needs root and {@code mount}: without them the test is skipped (an
 * assumption), never faked.
 */
public final class SmallDisk implements AutoCloseable {

  private final Path mountPoint;
  private final Path ballast;

  private SmallDisk(Path mountPoint) {
    this.mountPoint = mountPoint;
    this.ballast = mountPoint.resolve("ballast");
  }

  /** Mounts a tmpfs of {@code kilobytes} at {@code mountPoint}, or skips the test. */
  public static SmallDisk mount(Path mountPoint, int kilobytes)
      throws IOException, InterruptedException {
    Files.createDirectories(mountPoint);
    String failure = run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs",
        mountPoint.toString());
    Assumptions.assumeTrue(failure == null, () -> "a tmpfs cannot be mounted here (needs root):"
        + " " + failure);
    return new SmallDisk(mountPoint);
  }

  public Path path() {
    return mountPoint;
  }

  /** Writes a ballast file until the filesystem has at most {@code leftBytes} free. */
  public void fill(long leftBytes) throws IOException {
    long free = Files.getFileStore(mountPoint).getUsableSpace();
    long size = Math.max(0, free - leftBytes) + (Files.exists(ballast) ? Files.size(ballast) : 0);
    try (var out = Files.newOutputStream(ballast)) {
      byte[] block = new byte[4096];
      for (long written = 0; written < size; written += block.length) {
        out.write(block, 0, (int) Math.min(block.length, size - written));
      }
    } catch (IOException e) {
      // ENOSPC before the last block: full is what was asked for.
    }
  }

  /** Deletes the ballast: the space is back. */
  public void free() throws IOException {
    Files.deleteIfExists(ballast);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    String failure = run("umount", "-l", mountPoint.toString());
    if (failure != null) {
      throw new IOException("umount " + mountPoint + ": " + failure);
    }
  }

  private static @Nullable String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out";
    }
    String out = new String(p.getInputStream().readAllBytes()).trim();
    return p.exitValue() == 0 ? null : "exit " + p.exitValue() + " " + out;
  }
}
