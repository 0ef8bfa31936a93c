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
import org.jspecify.annotations.Nullable;
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

  /**
   * An open queue file: its store, its map of sequence number to reading, its queued bytes and
   * readings, and about how many readings were found damaged and left out (-1: not known).
   */
  record Opened(MVStore store, MVMap<Long, byte[]> map, long bytes, long readings, long damaged) {
    Opened(MVStore store, MVMap<Long, byte[]> map, long bytes, long readings) {
      this(store, map, bytes, readings, 0);
    }
  }

  private StoreFile() {}

  /** A store in memory only: nothing on disk, nothing survives the process. */
  static Opened inMemory(Consumer<Throwable> writeFailure) {
    MVStore store = new MVStore.Builder()
        .backgroundExceptionHandler((thread, e) -> writeFailure.accept(e))
        .open();
    return new Opened(store, store.openMap(MAP_NAME), 0, 0);
  }

  /** Puts every entry of {@code from} into {@code to}, keys kept. */
  static void copy(MVMap<Long, byte[]> from, MVMap<Long, byte[]> to) {
    Cursor<Long, byte[]> cursor = from.cursor(null);
    while (cursor.hasNext()) {
      to.put(cursor.next(), cursor.getValue());
    }
  }

  /** Checks the directory, opens the store and reads it through once. */
  static Opened open(Path directory, Clock clock, Consumer<Throwable> writeFailure) {
    Path file = prepare(directory);
    try {
      return openAndCheck(file, clock, writeFailure);
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

  /**
   * Opens the store and reads it through once. Damaged entries (a wrong checksum, a page that
   * does not read) are left out: the file is moved to {@code queue.mv.damaged-<time>} and its
   * intact entries copied into a fresh one. Entries lost with the file's newest chunks (MVStore
   * then opens an older version) are found by the {@link QueueMark}; the file is copied aside.
   * Either is logged once with the loss.
   */
  private static Opened openAndCheck(Path file, Clock clock, Consumer<Throwable> writeFailure) {
    MVStore store = build(file, writeFailure);
    Opened opened;
    Path copy = file.resolveSibling(FILE_NAME + ".damaged-" + STAMP.format(clock.instant()));
    try {
      MVMap<Long, byte[]> map = store.openMap(MAP_NAME);
      QueueMark mark = QueueMark.read(file);
      QueueScan scan = QueueScan.of(map, mark == null ? 0 : mark.lastSeq(), (k, v) -> { });
      long cutOff = mark == null ? 0 : mark.entriesLost(store.getCurrentVersion(), scan.lastKey);
      opened = new Opened(store, map, scan.bytes, scan.readings);
      if (scan.damaged > 0 || scan.unknown) {
        store.closeImmediately();
        Files.move(file, copy, StandardCopyOption.REPLACE_EXISTING);
        opened = salvage(copy, file, mark, writeFailure);
      } else if (cutOff > 0) {
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      } else {
        QueueMark.delete(file);
        return opened;
      }
      long damaged = scan.unknown ? -1 : scan.damaged;
      long lost = scan.unknown ? -1 : scan.readingsLost()
          + Math.round(cutOff * (mark == null ? 1 : mark.readingsPerEntry()));
      LOG.warn("Store-and-forward queue file {}: {} entries damaged (≈ {} readings lost); a copy"
          + " is kept at {} for inspection. The {} intact readings are sent.", file,
          damaged < 0 ? "an unknown number of" : damaged + cutOff,
          lost < 0 ? "an unknown number of" : lost, copy, opened.readings());
      QueueMark.delete(file);
      return new Opened(opened.store(), opened.map(), opened.bytes(), opened.readings(), lost);
    } catch (IOException e) {
      store.closeImmediately();
      throw new BufferException("buffer file " + file + " is damaged and cannot be copied aside ("
          + e + "); move it away by hand", e);
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw e;
    }
  }

  /** A fresh store at {@code file} with the intact entries of the damaged {@code copy}. */
  private static Opened salvage(Path copy, Path file, @Nullable QueueMark mark,
      Consumer<Throwable> writeFailure) {
    MVStore damaged = new MVStore.Builder().fileName(copy.toString()).readOnly().open();
    MVStore fresh = build(file, writeFailure);
    try {
      MVMap<Long, byte[]> map = fresh.openMap(MAP_NAME);
      QueueScan scan = QueueScan.of(damaged.openMap(MAP_NAME),
          mark == null ? 0 : mark.lastSeq(), map::put);
      fresh.commit();
      return new Opened(fresh, map, scan.bytes, scan.readings);
    } catch (RuntimeException e) {
      fresh.closeImmediately();
      throw e;
    } finally {
      damaged.closeImmediately();
    }
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
    QueueMark mark = QueueMark.read(file);
    QueueMark.delete(file);
    LOG.error("Store-and-forward buffer file {} cannot be read ({}); moved it aside to {} and"
        + " started a fresh buffer. {} readings queued in it are not sent; keep the file for"
        + " inspection or delete it.", file, rootCause(cause), aside,
        mark == null ? "An unknown number of" : "The ≈ " + mark.readings());
    return openAndCheck(file, clock, writeFailure);
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
