package io.floorgate.ops;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the gateway's own worker threads (the pipeline, the MQTT senders, Sparkplug, the alarm
 * engine: every thread named {@code floorgate-…}) for an exception none of them expected. Such a
 * thread is gone for good and the gateway would go on half-working — reading PLCs, publishing
 * nothing — while looking alive; so the first death is logged as one ERROR line naming the
 * thread and its cause, {@code /health/live} answers DOWN from then on, and, where the command
 * line asked for it, the process ends with {@value #EX_SOFTWARE} (EX_SOFTWARE) so that its
 * supervisor (systemd {@code Restart=on-failure}, a Kubernetes liveness probe) starts it again.
 *
 * <p>Installed as the JVM's default uncaught-exception handler; threads of the libraries (Netty,
 * Milo, Paho) are handed to the handler that was there before.
 */
public final class WorkerWatch implements Thread.UncaughtExceptionHandler {

  /** sysexits.h: an internal software error. */
  public static final int EX_SOFTWARE = 70;
  static final String WORKER_PREFIX = "floorgate-";

  private static final Logger LOG = LoggerFactory.getLogger(WorkerWatch.class);
  private static final WorkerWatch PROCESS = new WorkerWatch();

  private final AtomicReference<@Nullable String> death = new AtomicReference<>();
  private volatile IntConsumer exit = code -> { };
  private volatile Thread.@Nullable UncaughtExceptionHandler previous;

  WorkerWatch() {}

  /** The process's watch, installed as the default handler on first use. */
  public static WorkerWatch process() {
    synchronized (PROCESS) {
      if (Thread.getDefaultUncaughtExceptionHandler() != PROCESS) {
        PROCESS.previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(PROCESS);
      }
    }
    return PROCESS;
  }

  /**
   * What to do once a worker died, with {@link #EX_SOFTWARE}: {@code System::exit} for the
   * {@code run} command; nothing (the default) leaves only liveness DOWN, for embedding and tests.
   */
  public WorkerWatch onDeath(IntConsumer exit) {
    this.exit = exit;
    return this;
  }

  @Override
  public void uncaughtException(Thread thread, Throwable cause) {
    if (!thread.getName().startsWith(WORKER_PREFIX)) {
      Thread.UncaughtExceptionHandler before = previous;
      if (before != null) {
        before.uncaughtException(thread, cause);
      } else {
        // A library's own thread (Paho's receiver ending in a race with a client being closed,
        // say): the library reconnects or has been told to stop, and the gateway's workers go on.
        // One line, with where it ended, not a stack trace in the operator's log.
        StackTraceElement[] at = cause.getStackTrace();
        LOG.warn("Library thread {} ended with {}{}; the gateway goes on", thread.getName(),
            cause.toString(), at.length == 0 ? "" : " at " + at[0]);
      }
      return;
    }
    String what = thread.getName() + " died of " + cause;
    if (!death.compareAndSet(null, what)) {
      LOG.error("Worker thread {} died too ({})", thread.getName(), cause.toString());
      return;
    }
    // The stack trace is kept: this is a defect, not an operating condition.
    LOG.error("Worker thread {} died of an unexpected {}; the gateway cannot go on without it:"
        + " /health/live is DOWN and the process ends with exit code {} for its supervisor to"
        + " restart it. Please report this line with the trace below.", thread.getName(),
        cause.toString(), EX_SOFTWARE, cause);
    // Not on the dying thread: a shutdown hook that waits for it would wait forever.
    Thread exiting = new Thread(() -> exit.accept(EX_SOFTWARE), "floorgate-exit");
    exiting.setDaemon(false);
    exiting.start();
  }

  /** Whether every worker is still running. */
  public boolean alive() {
    return death.get() == null;
  }

  /** Which worker died of what, or null while all live. */
  public @Nullable String death() {
    return death.get();
  }
}
