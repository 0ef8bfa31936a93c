package io.floorgate.sparkplug;

import io.floorgate.output.StateFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bdSeq of the node's last CONNECT, kept in a small file so that the next process start goes
 * on from it (+1, 255 → 0) instead of 0. A host that still holds the previous process's NBIRTH
 * with the same bdSeq could otherwise take the restarted node's Will NDEATH — or an old one
 * arriving late — for the wrong session. The file is replaced atomically (write a temporary file,
 * force it to disk, rename), so a crash leaves the old value or the new one, never half of one.
 * Used on the node's thread only.
 */
final class BdSeqFile {

  private static final Logger LOG = LoggerFactory.getLogger(BdSeqFile.class);

  private final @Nullable Path path;
  private int saved = -1;
  private boolean failing;

  private BdSeqFile(@Nullable Path path) {
    this.path = path;
  }

  /** No file: every process starts at bdSeq 0 (nodes built without a buffer, e.g. in tests). */
  static BdSeqFile none() {
    return new BdSeqFile(null);
  }

  /** @throws IllegalStateException when the file cannot be read or written */
  static BdSeqFile at(Path path) {
    StateFile.requireUsable(path, "Sparkplug bdSeq file", "buffer.directory (it lies beside it)");
    return new BdSeqFile(path);
  }

  /** The file beside the node's buffer directory: {@code <directory>.bdseq}. */
  static Path beside(Path bufferDirectory) {
    Path dir = bufferDirectory.toAbsolutePath().normalize();
    return dir.resolveSibling(dir.getFileName() + ".bdseq");
  }

  /** The bdSeq of this process's first CONNECT: the last one saved + 1, 255 → 0; else 0. */
  int first() {
    if (path == null) {
      return 0;
    }
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      LOG.warn("Sparkplug bdSeq file {} cannot be read ({}); starting at bdSeq 0. Check the "
          + "file's permissions", path, e.toString());
      return 0;
    }
    try {
      int last = Integer.parseInt(text);
      if (last >= 0 && last <= 255) {
        saved = last;
        return (last + 1) & 0xFF;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    LOG.warn("Sparkplug bdSeq file {} holds '{}', not a number 0–255; starting at bdSeq 0. It is "
        + "rewritten at the next connect", path, text);
    return 0;
  }

  /** Records the bdSeq of a CONNECT about to be sent; a failure is logged and the node goes on. */
  void save(int bdSeq) {
    if (path == null || bdSeq == saved) {
      return;
    }
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap((bdSeq + "\n").getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      saved = bdSeq;
      if (failing) {
        failing = false;
        LOG.info("Sparkplug bdSeq file {} written again", path);
      }
    } catch (IOException e) {
      if (!failing) {
        failing = true;
        LOG.warn("Sparkplug bdSeq file {} cannot be written ({}); the node goes on, but after a "
            + "restart its bdSeq starts from the last value saved. Check that the directory "
            + "exists and is writable", path, e.toString());
      }
    }
  }
}
