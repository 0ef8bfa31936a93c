package io.floorgate.alarm;

import com.fasterxml.jackson.core.type.TypeReference;
import io.floorgate.config.AlarmKind;
import io.floorgate.output.StateFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps alarm state in a JSON file across restarts, so that an alarm acknowledged before a restart
 * is not raised again as new after it. Writes happen on a thread of their own, newest state wins
 * (a burst of transitions becomes one write), each by writing a temporary file, forcing it to
 * disk and renaming it over the old one: a crash leaves the old file or the new, never half.
 */
final class AlarmStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlarmStore.class);

  private final Path file;
  private final AtomicReference<@Nullable List<Alarm>> pending = new AtomicReference<>();
  private final Thread writer;
  private volatile boolean running = true;

  /** @throws IllegalStateException when the file cannot be read or written: state would be lost */
  AlarmStore(Path file) {
    StateFile.requireUsable(file, "alarm state file", "alarms.stateFile");
    this.file = file;
    this.writer = new Thread(this::writeLoop, "floorgate-alarm-store");
    this.writer.setDaemon(true);
  }

  /** The saved alarms by id; empty when there is no file yet or it cannot be read (logged). */
  Map<AlarmId, Alarm> load() {
    try {
      List<Alarm> alarms = AlarmJson.MAPPER.readValue(Files.readAllBytes(file),
          new TypeReference<List<Alarm>>() {});
      Map<AlarmId, Alarm> byId = new HashMap<>();
      for (Alarm a : alarms) {
        AlarmId id = idOf(a);
        if (id != null) {
          byId.put(id, a);
        }
      }
      log.info("Alarm state restored from {}: {} alarm(s)", file, byId.size());
      return byId;
    } catch (NoSuchFileException e) {
      log.info("No alarm state at {} yet: every alarm starts normal", file);
    } catch (IOException | RuntimeException e) {
      log.error("Alarm state in {} cannot be read ({}): every alarm starts normal, and alarms "
          + "acknowledged before the restart may be raised again. Move the file aside to keep it "
          + "for inspection.", file, e.toString());
    }
    return Map.of();
  }

  /**
   * The saved alarm's id. Files of earlier versions wrote a rule under a tag
   * {@code area/x/conditions} with the form of a PLC condition ({@code area.x.conditions.name});
   * its saved type, not CONDITION, says it is the rule, which is now written
   * {@code area.x.~conditions.name} (see {@link AlarmId}).
   */
  private @Nullable AlarmId idOf(Alarm saved) {
    AlarmId id = AlarmId.tryParse(saved.id());
    if (id == null) {
      log.warn("Alarm state in {}: '{}' is not an alarm id; that alarm starts normal", file,
          saved.id());
      return null;
    }
    if (id.isCondition() && saved.type() != AlarmKind.CONDITION) {
      return AlarmId.rule(id.area(), id.levels());
    }
    return id;
  }

  void start() {
    writer.start();
  }

  /** Queues the state for writing; returns at once. */
  void save(List<Alarm> alarms) {
    pending.set(alarms);
    LockSupport.unpark(writer);
  }

  private void writeLoop() {
    while (running || pending.get() != null) {
      List<Alarm> alarms = pending.getAndSet(null);
      if (alarms == null) {
        LockSupport.parkNanos(this, 500_000_000L);
        continue;
      }
      write(alarms);
    }
  }

  private void write(List<Alarm> alarms) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.write(tmp, AlarmJson.bytes(alarms));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      log.error("Alarm state could not be written to {} ({}); it will be lost on restart. Check "
          + "that the directory exists and the gateway's user may write there (alarms.stateFile).",
          file, e.toString());
    }
  }

  /** Writes what is pending and stops, within a few seconds. */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(writer);
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
