package io.floorgate.maintenance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.floorgate.output.StateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the counters' values in {@code <stateFile stem>-maintenance.json} beside the alarm state
 * file, so that run hours and counts survive a restart (and, being the gateway's own, a broker
 * outage). Writes happen on a thread of their own, newest values win, each written atomically
 * ({@link StateFile#writeAtomically}). A file that cannot be read is moved aside
 * ({@code .damaged-<time>}) with one ERROR line, and the counters start from zero.
 */
public final class CounterFile implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CounterFile.class);
  /** Thread-safe once configured; also {@link CounterView#json()}'s. */
  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private final Clock clock;
  private final AtomicReference<@Nullable Map<String, CounterState>> pending =
      new AtomicReference<>();
  private final Thread writer;
  private volatile boolean running = true;
  /** Writes failed in a row; on the writer's thread. */
  private long failures;

  /** @throws IllegalStateException when the file cannot be read or written: counts would be lost */
  public CounterFile(Path file, Clock clock) {
    StateFile.requireUsable(file, "maintenance counter file", "alarms.stateFile");
    this.file = file;
    this.clock = clock;
    this.writer = new Thread(this::writeLoop, "floorgate-maintenance-store");
    this.writer.setDaemon(true);
  }

  /** {@code alarms.json} → {@code alarms-maintenance.json}, in the same directory. */
  public static Path beside(Path alarmStateFile) {
    String name = alarmStateFile.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return alarmStateFile.resolveSibling(stem + "-maintenance.json");
  }

  public Path file() {
    return file;
  }

  /** The saved counters by id; empty when there is no file yet or it is damaged (set aside). */
  public Map<String, CounterState> load() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      log.info("No maintenance counters at {} yet: every counter starts from zero", file);
      return Map.of();
    } catch (IOException e) {
      log.error("Maintenance counters in {} cannot be read ({}): every counter starts from zero. "
          + "Give the gateway's user read access to the file and restart to keep them.", file,
          e.toString());
      return Map.of();
    }
    try {
      Map<String, CounterState> saved = JSON.readValue(bytes,
          new TypeReference<LinkedHashMap<String, CounterState>>() {});
      if (saved == null || saved.containsKey(null) || saved.containsValue(null)) {
        throw new IOException("not a map of counter ids to values");
      }
      log.info("Maintenance counters restored from {}: {} counter(s)", file, saved.size());
      return saved;
    } catch (IOException | RuntimeException e) {
      return damaged(e);
    }
  }

  private Map<String, CounterState> damaged(Exception cause) {
    try {
      Path aside = StateFile.moveAside(file, clock.instant());
      log.error("Maintenance counters in {} are damaged ({}): every counter starts from zero. The "
          + "file is kept at {} for inspection; its last values tell how far each machine had run "
          + "since its last service.", file, reason(cause), aside);
    } catch (IOException e) {
      log.error("Maintenance counters in {} are damaged ({}) and cannot be moved aside ({}): "
          + "every counter starts from zero and the file will be overwritten; copy it away now "
          + "to keep it.", file, reason(cause), e.toString());
    }
    return Map.of();
  }

  /** The cause on one line: Jackson's messages carry the location on a second. */
  private static String reason(Exception cause) {
    String text = cause instanceof com.fasterxml.jackson.core.JsonProcessingException j
        ? j.getOriginalMessage() : cause.getMessage();
    return cause.getClass().getSimpleName() + ": " + String.valueOf(text).lines().findFirst()
        .orElse("");
  }

  public void start() {
    writer.start();
  }

  /** Queues the values for writing; returns at once. */
  public void save(Map<String, CounterState> counters) {
    pending.set(Map.copyOf(counters));
    LockSupport.unpark(writer);
  }

  private void writeLoop() {
    while (running || pending.get() != null) {
      Map<String, CounterState> counters = pending.getAndSet(null);
      if (counters == null) {
        LockSupport.parkNanos(this, 500_000_000L);
        continue;
      }
      write(counters);
    }
  }

  private void write(Map<String, CounterState> counters) {
    try {
      StateFile.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(new TreeMap<>(counters)));
      if (failures > 0) {
        log.info("Maintenance counters written to {} again after {} failed write(s)", file,
            failures);
        failures = 0;
      }
    } catch (IOException e) {
      // Once per outage, not every few seconds: the cause and its fix do not change.
      if (failures++ == 0) {
        log.error("Maintenance counters could not be written to {} ({}); they will be lost on "
            + "restart. Check that the gateway's user may write there (alarms.stateFile); "
            + "writing is retried.", file, e.toString());
      }
    }
  }

  /** Writes what is pending and stops, within a few seconds. */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(writer);
    if (!writer.isAlive()) {
      // Never started: what was saved is written here.
      Map<String, CounterState> counters = pending.getAndSet(null);
      if (counters != null) {
        write(counters);
      }
      return;
    }
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
