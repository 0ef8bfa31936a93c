package io.floorgate;

import io.floorgate.driver.LinkState;
import io.floorgate.driver.Sample;
import io.floorgate.driver.SampleSink;
import io.floorgate.normalize.Normalizer;
import io.floorgate.ops.LinkBook;
import io.floorgate.ops.PipelineCounts;
import io.floorgate.reading.Reading;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off between the drivers' threads and the rest of the gateway.
 *
 * <p>Drivers call {@link #accept} on Milo's threads, where nothing may block: samples go into a
 * bounded queue, and when it is full the sample is dropped and counted. One thread drains the queue,
 * normalizes, and passes readings on; the normalizer is stateful and single-threaded by design.
 *
 * <p>Whenever the queues run dry the thread says so ({@code idle}), so that what it passed on one
 * by one can be written out together: at a high rate in batches, at a low rate reading by reading,
 * never held back waiting for more.
 *
 * <p>Samples of tags that alarms watch take a lane of their own, which the thread always empties
 * first: an alarm never waits behind a queue of telemetry. One semaphore counts the samples of
 * both lanes, so the thread sleeps only when both are empty and wakes for either.
 */
final class SamplePipeline implements SampleSink, PipelineCounts, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SamplePipeline.class);

  private final BlockingQueue<Sample> queue;
  private final BlockingQueue<Sample> priorityQueue;
  private volatile Predicate<Sample> priority;
  private final Semaphore queued = new Semaphore(0);
  private volatile Normalizer normalizer;
  private volatile @Nullable LinkBook links;
  private final AtomicLong failed = new AtomicLong();
  private volatile long unknownBefore;
  private final Consumer<Reading> downstream;
  private final Runnable idle;
  private final BiConsumer<String, LinkState> linkListener;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong processed = new AtomicLong();
  private final Thread worker;
  private volatile boolean running = true;

  /** The least room for samples waiting: ~10 s of a plant of 10,000 values/s. */
  static final int LEAST_CAPACITY = 100_000;

  /**
   * The room for samples waiting to be normalized with {@code tags} configured: at least
   * {@link #LEAST_CAPACITY}, and twice the tags, since at a start (and after every reconnect)
   * each tag comes twice at once — the Read of its current value and its subscription's first
   * notification — and a burst must not be dropped.
   */
  static int capacityFor(long tags) {
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(LEAST_CAPACITY, 2 * tags));
  }

  SamplePipeline(int capacity, Normalizer normalizer, Consumer<Reading> downstream) {
    this(capacity, normalizer, downstream, () -> {}, sample -> false, (connection, state) -> {});
  }

  /**
   * @param idle         run on the pipeline's thread each time both queues are empty
   * @param priority     which samples take the alarm lane
   * @param linkListener told of every PLC link change, on the driver's thread; must not block
   */
  SamplePipeline(int capacity, Normalizer normalizer, Consumer<Reading> downstream,
      Runnable idle, Predicate<Sample> priority, BiConsumer<String, LinkState> linkListener) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.priorityQueue = new ArrayBlockingQueue<>(Math.max(1, capacity / 10));
    this.priority = priority;
    this.normalizer = normalizer;
    this.downstream = downstream;
    this.idle = idle;
    this.linkListener = linkListener;
    this.worker = new Thread(this::drain, "floorgate-pipeline");
    this.worker.setDaemon(true);
  }

  void start() {
    worker.start();
  }

  /** Counts samples and link changes per connection for operations. */
  void links(LinkBook book) {
    this.links = book;
  }

  /** A reload: from the next sample on, these tags and alarm lanes. */
  void reconfigure(Normalizer next, Predicate<Sample> nextPriority) {
    unknownBefore += normalizer.unknownSamples();
    this.priority = nextPriority;
    this.normalizer = next;
  }

  @Override
  public long failed() {
    return failed.get();
  }

  @Override
  public long unknown() {
    return unknownBefore + normalizer.unknownSamples();
  }

  @Override
  public void accept(Sample sample) {
    LinkBook book = links;
    if (book != null) {
      book.sample(sample.connection());
    }
    if ((priority.test(sample) ? priorityQueue : queue).offer(sample)) {
      queued.release();
    } else {
      long n = dropped.incrementAndGet();
      // Power-of-two sampling keeps a flood of drops from becoming a flood of log lines.
      if (Long.bitCount(n) == 1) {
        log.warn("Sample queue full ({} entries): {} samples dropped so far; the gateway cannot keep "
            + "up with the PLCs — raise sampling/publishing intervals or add deadbands", queue.size(), n);
      }
    }
  }

  @Override
  public void linkChanged(String connection, LinkState state, String detail) {
    LinkBook book = links;
    if (book != null) {
      book.linkChanged(connection, state, detail);
    }
    if (state == LinkState.CONNECTED) {
      normalizer.linkUp(connection);
      log.info("PLC {} connected: {}", connection, detail);
    } else if (state == LinkState.DISCONNECTED) {
      // The driver has logged the cause with its fix (once, then counted); the detail would
      // repeat that line.
      log.info("PLC {} disconnected", connection);
    } else {
      log.info("PLC {} {}: {}", connection, state.name().toLowerCase(java.util.Locale.ROOT), detail);
    }
    linkListener.accept(connection, state);
  }

  @Override
  public long dropped() {
    return dropped.get();
  }

  @Override
  public long processed() {
    return processed.get();
  }

  private void drain() {
    while (running || queued.availablePermits() > 0) {
      try {
        if (!queued.tryAcquire(200, TimeUnit.MILLISECONDS)) {
          continue;
        }
      } catch (InterruptedException e) {
        break;
      }
      // Every permit stands for one queued sample, and only this thread takes them.
      Sample sample = priorityQueue.poll();
      if (sample == null) {
        sample = queue.poll();
      }
      if (sample == null) {
        continue;
      }
      try {
        normalizer.normalize(sample).ifPresent(downstream);
        processed.incrementAndGet();
      } catch (RuntimeException e) {
        // One bad value must not stop the gateway; say which tag so the config can be fixed.
        failed.incrementAndGet();
        log.error("Could not normalize {}/{} (value {}): {}", sample.connection(), sample.tag(),
            sample.value(), e.toString());
      }
      if (queued.availablePermits() == 0) {
        idle.run();
      }
    }
    idle.run();
  }

  /** Stops after draining what is queued, waiting at most a few seconds. */
  @Override
  public void close() {
    running = false;
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      worker.interrupt();
    }
  }
}
