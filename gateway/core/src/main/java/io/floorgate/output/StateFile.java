package io.floorgate.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A small file an output keeps across restarts (the alarm state, the Sparkplug bdSeq), checked
 * once at start: a location that cannot be written would otherwise be found out at the first
 * write, long after the start looked good, and the state lost at the next restart.
 */
public final class StateFile {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private StateFile() {}

  /**
   * Replaces {@code file} with {@code content}: a temporary file is written, forced to disk and
   * renamed over the old one, so a crash leaves the old file or the new, never half of one.
   */
  public static void writeAtomically(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.write(tmp, content);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Moves a file that cannot be read to {@code <name>.damaged-<time>} beside it, kept for
   * inspection, so that the next write does not destroy it.
   *
   * @return where it went
   */
  public static Path moveAside(Path file, Instant now) throws IOException {
    Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(now));
    Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    return aside;
  }

  /**
   * Fails unless {@code file} can be read (when it exists) and written; creates its directory.
   *
   * @param what what the file is, for the message ("alarm state file")
   * @param key  the setting that places it, named in the fix
   * @throws IllegalStateException naming the file, the cause and the fix
   */
  public static void requireUsable(Path file, String what, String key) {
    Path absolute = file.toAbsolutePath().normalize();
    Path dir = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      throw new IllegalStateException(what + " " + file + " is a directory: set " + key
          + " to a file path, or move the directory away");
    }
    if (Files.exists(absolute) && !(Files.isReadable(absolute) && Files.isWritable(absolute))) {
      throw new IllegalStateException(what + " " + file + " cannot be read and written by this "
          + "process's user: give that user (e.g. floorgate) the file, or set " + key);
    }
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, ".floorgate-", ".probe"));
    } catch (IOException e) {
      throw new IllegalStateException(what + " " + file + " cannot be written: directory " + dir
          + " " + reason(e) + "; make it a directory this process's user may write, or set "
          + key, e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "is (or lies under) a file, not a directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "is not writable";
    }
    return "cannot be used (" + e.getMessage() + ")";
  }
}
