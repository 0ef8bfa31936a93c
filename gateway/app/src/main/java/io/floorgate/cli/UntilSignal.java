package io.floorgate.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a command running until SIGINT/SIGTERM (Ctrl-C, {@code systemctl stop}, {@code docker stop}),
 * then closes what it started, in reverse order of start.
 */
final class UntilSignal {

  private static final Logger log = LoggerFactory.getLogger(UntilSignal.class);
  /**
   * How long closing may take before the process ends anyway: each part bounds its own waits, and
   * a stop that hangs past this would keep systemd (TimeoutStopSec, 90 s by default) waiting to kill.
   */
  static final long STOP_LIMIT_SECONDS = 30;

  private final List<AutoCloseable> started = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Duration stopLimit;

  UntilSignal() {
    this(Duration.ofSeconds(STOP_LIMIT_SECONDS));
  }

  UntilSignal(Duration stopLimit) {
    this.stopLimit = stopLimit;
  }

  /** Registers something to close at shutdown; returns it for chaining. */
  <T extends AutoCloseable> T closeOnExit(T part) {
    synchronized (started) {
      started.add(part);
    }
    return part;
  }

  /** Blocks until the JVM is asked to stop; the shutdown hook closes everything. */
  void await() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "floorgate-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeAll();
    }
  }

  /**
   * Closes in reverse order; also used when start-up fails half way. Returns after at most the
   * stop limit, leaving a part that hangs (and those after it) to the end of the process.
   */
  void closeAll() {
    List<AutoCloseable> parts;
    synchronized (started) {
      parts = new ArrayList<>(started);
      started.clear();
    }
    Collections.reverse(parts);
    Thread closer = new Thread(() -> parts.forEach(UntilSignal::closeQuietly), "floorgate-stop");
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(stopLimit.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      log.error("Stopping took longer than {} s; exiting without waiting further (a broker or PLC "
          + "that does not answer?)", stopLimit.toSeconds());
    }
    stopped.countDown();
  }

  private static void closeQuietly(AutoCloseable part) {
    try {
      part.close();
    } catch (Exception e) {
      log.warn("Error while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
    }
  }
}
