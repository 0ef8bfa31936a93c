package io.floorgate.driver.opcua;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread a driver owns: connecting, (re)creating subscriptions and the polling timers run
 * here, so they never race each other and never run on Milo's threads.
 */
final class DriverThread {

  private static final Logger log = LoggerFactory.getLogger(DriverThread.class);

  private final String connection;
  private final ScheduledThreadPoolExecutor executor;

  DriverThread(String connection) {
    this.connection = connection;
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      var t = new Thread(r, "floorgate-opcua-" + connection);
      t.setDaemon(true);
      return t;
    });
    // A pending reconnect attempt must not run after close().
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Runs {@code task} soon; dropped once the driver is closing. */
  void post(String what, Runnable task) {
    try {
      executor.execute(guarded(what, task));
    } catch (RejectedExecutionException e) {
      // Closing: nothing left to do.
    }
  }

  void schedule(String what, Runnable task, Duration delay) {
    try {
      executor.schedule(guarded(what, task), delay.toMillis(), MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closing.
    }
  }

  /** For periodic work (polling); such tasks must catch their own exceptions. */
  ScheduledExecutorService scheduler() {
    return executor;
  }

  /** Stops taking work; lets the running task finish for up to {@code graceMs}, then interrupts. */
  void stop(long graceMs) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(Math.max(1, graceMs), MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  void shutdown() {
    executor.shutdown();
  }

  private Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // Otherwise the failure would vanish with the task, and with it the retry loop.
        log.error("opcua connection '{}': {} failed unexpectedly", connection, what, e);
      }
    };
  }
}
