package io.floorgate.cli;

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

  private final List<AutoCloseable> started = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

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

  /** Closes in reverse order; also used when start-up fails half way. */
  void closeAll() {
    List<AutoCloseable> parts;
    synchronized (started) {
      parts = new ArrayList<>(started);
      started.clear();
    }
    Collections.reverse(parts);
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        log.warn("Error while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
    stopped.countDown();
  }
}
