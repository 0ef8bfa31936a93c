package io.floorgate.notify;

import io.floorgate.driver.Backoff;
import io.floorgate.driver.CauseThrottle;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one receiver's outbox on a thread of its own: waits {@code group} after the first of a
 * burst so that the burst goes out together, delivers, removes what was accepted, and on failure
 * retries the same group with capped, jittered backoff (1 s → 1 min). Each cause of failure is
 * logged once with its fix and then counted; the recovery is logged once. When nothing is
 * pending it lets the delivery refresh active alerts (Alertmanager) on time.
 */
final class Sender implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Sender.class);
  static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
  /** Notices per delivery: one e-mail, one Alertmanager POST. */
  static final int MAX_GROUP = 100;
  /** How long an idle sender without refreshes sleeps before it looks again unprompted. */
  private static final Duration IDLE = Duration.ofMinutes(1);

  private final String receiver;
  private final Delivery delivery;
  private final Outbox outbox;
  private final Duration group;
  private final Backoff backoff;
  private final Clock clock;
  private final DeliveryStats stats;
  private final CauseThrottle throttle = new CauseThrottle();
  private final Object lock = new Object();
  private final Thread thread;
  private boolean woken;
  private volatile boolean running = true;
  private int failures;
  private long nextRefresh;

  Sender(String receiver, Delivery delivery, Outbox outbox, Duration group, Backoff backoff,
      Clock clock, DeliveryStats stats) {
    this.receiver = receiver;
    this.delivery = delivery;
    this.outbox = outbox;
    this.group = group;
    this.backoff = backoff;
    this.clock = clock;
    this.stats = stats;
    this.thread = new Thread(this::run, "floorgate-notify-" + receiver);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Something new is in the outbox. Any thread; never blocks. */
  void wake() {
    synchronized (lock) {
      woken = true;
      lock.notifyAll();
    }
  }

  private void run() {
    nextRefresh = System.nanoTime() + delivery.refreshEvery().toNanos();
    while (running) {
      List<Outbox.Entry> batch = outbox.peek(receiver, MAX_GROUP);
      if (batch.isEmpty()) {
        refreshIfDue();
        await(delivery.refreshEvery().isZero() ? System.nanoTime() + IDLE.toNanos() : nextRefresh,
            true);
        continue;
      }
      if (!group.isZero() && failures == 0) {
        // Quiet grouping: what arrives within the window goes out with the first.
        await(System.nanoTime() + group.toNanos(), false);
        if (!running) {
          return;
        }
        batch = outbox.peek(receiver, MAX_GROUP);
      }
      try {
        delivery.deliver(batch.stream().map(Outbox.Entry::notice).toList());
        outbox.remove(receiver, batch);
        stats.delivered(batch.size(), clock.instant());
        recovered();
      } catch (DeliveryException e) {
        failed(e, batch.size());
        await(System.nanoTime() + backoff.delay(failures, ThreadLocalRandom.current()
            .nextDouble()).toNanos(), false);
      } catch (RuntimeException e) {
        failed(new DeliveryException("bug", "Notification receiver " + receiver
            + " failed unexpectedly: " + e), batch.size());
        log.debug("Notification receiver {}", receiver, e);
        await(System.nanoTime() + BACKOFF.max().toNanos(), false);
      }
    }
  }

  private void refreshIfDue() {
    if (delivery.refreshEvery().isZero() || System.nanoTime() - nextRefresh < 0) {
      return;
    }
    try {
      delivery.refresh();
      recovered();
      nextRefresh = System.nanoTime() + delivery.refreshEvery().toNanos();
    } catch (DeliveryException e) {
      failed(e, 0);
      nextRefresh = System.nanoTime() + backoff.delay(failures, ThreadLocalRandom.current()
          .nextDouble()).toNanos();
    }
  }

  private void failed(DeliveryException e, int notices) {
    failures++;
    stats.failed(e.getMessage(), clock.instant());
    String line = throttle.admit(e.kind(), e.getMessage());
    if (line != null) {
      log.warn("{}; {} retries with backoff{}", line, receiver, notices == 0 ? ""
          : ", " + outbox.pending(receiver) + " notification(s) wait in the outbox");
    }
  }

  private void recovered() {
    if (failures > 0) {
      log.info("Notification receiver {} accepts deliveries again, after {} failed attempt(s)",
          receiver, failures);
      throttle.clear();
    }
    failures = 0;
  }

  /** Waits until {@code deadline} (System.nanoTime), or a {@link #wake} when {@code wakeable}. */
  private void await(long deadline, boolean wakeable) {
    synchronized (lock) {
      if (wakeable && woken) {
        woken = false;
        return;
      }
      while (running && (!wakeable || !woken)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
      if (wakeable) {
        woken = false;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    synchronized (lock) {
      lock.notifyAll();
    }
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
