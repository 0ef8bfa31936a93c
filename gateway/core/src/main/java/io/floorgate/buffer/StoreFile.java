package io.floorgate.buffer;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the queue's MVStore file in the buffer directory: creates the directory, refuses a
 * directory it cannot write and a file another process holds, and moves a file that cannot be read
 * aside so that a fresh one begins.
 */
final class StoreFile {

  static final String FILE_NAME = "queue.mv";
  /** How often MVStore's writer commits: what a {@code kill -9} can lose at most, about. */
  static final int COMMIT_DELAY_MILLIS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final String MAP_NAME = "readings";

  /** An open queue file: its store, its map of sequence number to reading, its queued bytes. */
  record Opened(MVStore store, MVMap<Long, byte[]> map, long bytes, long readings) {}

  private StoreFile() {}

  /** A store in memory only: nothing on disk, nothing survives the process. */
  static Opened inMemory(Consumer<Throwable> writeFailure) {
    MVStore store = new MVStore.Builder()
        .backgroundExceptionHandler((thread, e) -> writeFailure.accept(e))
        .open();
    return new Opened(store, store.openMap(MAP_NAME), 0, 0);
  }

  /** Checks the directory, opens the store and reads it through once. */
  static Opened open(Path directory, Clock clock, Consumer<Throwable> writeFailure) {
    Path file = prepare(directory);
    try {
      return openAndScan(file, writeFailure);
    } catch (MVStoreException e) {
      int code = e.getErrorCode();
      if (code == DataUtils.ERROR_FILE_LOCKED) {
        throw new BufferException("buffer file " + file + " is in use by another process (is a"
            + " second gateway running with the same buffer.directory?); give each gateway its"
            + " own buffer.directory", e);
      }
      if (code == DataUtils.ERROR_WRITING_FAILED) {
        throw new BufferException("cannot write the buffer file " + file + " (" + rootCause(e)
            + "); free space on that disk or point buffer.directory elsewhere", e);
      }
      return moveAsideAndStartAfresh(file, clock, writeFailure, e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // An entry that is not a reading, or a page MVStore cannot read: the file is damaged.
      return moveAsideAndStartAfresh(file, clock, writeFailure, e);
    }
  }

  private static Opened openAndScan(Path file, Consumer<Throwable> writeFailure) {
    MVStore store = build(file, writeFailure);
    try {
      MVMap<Long, byte[]> map = store.openMap(MAP_NAME);
      long[] totals = scan(map);
      return new Opened(store, map, totals[0], totals[1]);
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw e;
    }
  }

  /**
   * Sums the bytes and readings the file holds and proves every page readable; throws if the
   * file is damaged.
   */
  private static long[] scan(MVMap<Long, byte[]> map) {
    long bytes = 0;
    long readings = 0;
    Cursor<Long, byte[]> cursor = map.cursor(null);
    while (cursor.hasNext()) {
      cursor.next();
      byte[] record = cursor.getValue();
      if (!ReadingCodec.known(record)) {
        throw new IllegalStateException("entry " + cursor.getKey() + " is not a reading");
      }
      bytes += record.length + DiskBuffer.ENTRY_OVERHEAD;
      readings += ReadingCodec.count(record);
    }
    return new long[] {bytes, readings};
  }

  private static Opened moveAsideAndStartAfresh(Path file, Clock clock,
      Consumer<Throwable> writeFailure, RuntimeException cause) {
    Path aside = file.resolveSibling(FILE_NAME + ".corrupt-" + STAMP.format(clock.instant()));
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new BufferException("buffer file " + file + " cannot be read (" + rootCause(cause)
          + ") nor moved aside (" + e + "); move or delete it by hand", e);
    }
    LOG.error("Store-and-forward buffer file {} cannot be read ({}); moved it aside to {} and"
        + " started a fresh buffer. The readings queued in it are not sent; keep the file for"
        + " inspection or delete it.", file, rootCause(cause), aside);
    return openAndScan(file, writeFailure);
  }

  private static MVStore build(Path file, Consumer<Throwable> writeFailure) {
    MVStore store = new MVStore.Builder()
        .fileName(file.toString())
        // LZF on each chunk: 45 instead of 118 bytes per reading on disk, measured
        // (docs/explanation/store-and-forward.md), for less CPU than the appends themselves.
        .compress()
        // 2 MB of page cache instead of 16: the queue is read once, in order (docs/explanation/performance-and-memory.md).
        .cacheSize(2)
        .backgroundExceptionHandler((thread, e) -> writeFailure.accept(e))
        .open();
    store.setAutoCommitDelay(COMMIT_DELAY_MILLIS);
    return store;
  }

  /** Creates the directory and proves it writable, with an error that says what to fix. */
  private static Path prepare(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (FileAlreadyExistsException e) {
      throw new BufferException("buffer.directory " + directory + " is a file, not a directory;"
          + " point buffer.directory at a directory", e);
    } catch (IOException e) {
      throw new BufferException("cannot create buffer.directory " + directory + " (" + e
          + "); create it and give the gateway's user write access", e);
    }
    Path probe = directory.resolve(".write-test");
    try {
      Files.deleteIfExists(probe);
      Files.write(probe, new byte[] {1});
      Files.delete(probe);
    } catch (AccessDeniedException e) {
      throw new BufferException("buffer.directory " + directory + " is not writable by this user;"
          + " give the gateway's user write access (systemd: ReadWritePaths=)", e);
    } catch (IOException e) {
      throw new BufferException("cannot write in buffer.directory " + directory + " (" + e
          + "); free space on that disk or point buffer.directory elsewhere", e);
    }
    return directory.resolve(FILE_NAME);
  }

  static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.getMessage() : e.getMessage() + ": " + root;
  }
}
