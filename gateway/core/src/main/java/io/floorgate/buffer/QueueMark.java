package io.floorgate.buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;

/**
 * What the queue file held at its last commit, kept beside it ({@code queue.mv.mark}): the store's
 * version, the first and last entry queued and the readings they hold. MVStore opens a file whose
 * newest chunks are cut off or overwritten at the last version it can read, without a word; the
 * mark is how the next start tells that readings are missing, and about how many.
 *
 * @param version  the store's version after that commit
 * @param firstSeq the oldest entry queued then ({@code lastSeq + 1} when none was)
 * @param lastSeq  the newest entry appended then
 * @param readings the readings queued then
 */
record QueueMark(long version, long firstSeq, long lastSeq, long readings) {

  static Path of(Path file) {
    return file.resolveSibling(file.getFileName() + ".mark");
  }

  /** The mark beside {@code file}; null when there is none or it cannot be read. */
  static @Nullable QueueMark read(Path file) {
    try {
      String[] fields = Files.readString(of(file), StandardCharsets.US_ASCII).trim().split(" ");
      return new QueueMark(Long.parseLong(fields[0]), Long.parseLong(fields[1]),
          Long.parseLong(fields[2]), Long.parseLong(fields[3]));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Replaces the mark at once (a rename), so that a crash leaves the old one or the new. */
  void write(Path file) throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".mark.next");
    Files.writeString(next, version + " " + firstSeq + " " + lastSeq + " " + readings + "\n",
        StandardCharsets.US_ASCII);
    Files.move(next, of(file), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(of(file));
    } catch (IOException e) {
      // A stale mark only makes the next start compare against an older state.
    }
  }

  /**
   * Entries queued at this mark that a store opened at {@code version}, whose newest entry is
   * {@code lastKey}, no longer holds: 0 unless the store went back to an older version.
   */
  long entriesLost(long openedVersion, long lastKey) {
    if (openedVersion >= version) {
      return 0;
    }
    return Math.max(0, lastSeq - Math.max(lastKey, firstSeq - 1));
  }

  /** Readings per entry at this mark; 1 when it held none. */
  double readingsPerEntry() {
    long entries = lastSeq - firstSeq + 1;
    return entries > 0 && readings > 0 ? (double) readings / entries : 1;
  }
}
