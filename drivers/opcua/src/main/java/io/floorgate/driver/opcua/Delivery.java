package io.floorgate.driver.opcua;

import io.floorgate.driver.CauseThrottle;
import io.floorgate.driver.Sample;
import io.floorgate.driver.SampleSink;
import io.floorgate.driver.SourceType;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands samples to the gateway's sink. Runs on Milo's threads: converting is cheap and the sink
 * never blocks, so nothing here waits. A sink that throws is a gateway bug; it must not break
 * Milo's publish loop, so the failure is counted and logged once.
 *
 * <p>Every value passes {@link LiveOrder} first: a value older than, or the same change as, one
 * already delivered for its tag is dropped and counted; an older one is logged once a minute at
 * most.
 */
final class Delivery {

  private static final Logger log = LoggerFactory.getLogger(Delivery.class);

  private final String connection;
  private final SampleSink sink;
  private final LongAdder delivered = new LongAdder();
  private final LongAdder sinkFailures = new LongAdder();
  private final LiveOrder order = new LiveOrder();
  private final CauseThrottle throttle = new CauseThrottle();
  /** Tag key to the type its variable declares; replaced at each connect, read on Milo's threads. */
  private volatile Map<String, SourceType> declared = Map.of();

  Delivery(String connection, SampleSink sink) {
    this.connection = connection;
    this.sink = sink;
  }

  String connection() {
    return connection;
  }

  /** The types the tags' variables declare, as read from the server on this connect. */
  void declare(Map<String, SourceType> types) {
    declared = Map.copyOf(types);
  }

  /** A value from a notification or a read; dropped if it is not newer than the last one. */
  void value(ResolvedTag tag, DataValue value, LiveOrder.Source source) {
    LiveOrder.Verdict verdict = order.admit(tag.key(), value, source,
        () -> accept(SampleMapper.toSample(connection, tag.key(), value, Instant.now(),
            declared.get(tag.key()))));
    switch (verdict) {
      case DUPLICATE, OLDER -> dropped(tag, verdict);
      case CLOCK_RESET -> log.warn("opcua connection '{}': tag '{}' has a source timestamp more "
          + "than {} older than its last value; taking it as the PLC's clock set back and "
          + "delivering from here on — check the PLC's clock", connection, tag.key(),
          LiveOrder.CLOCK_RESET);
      case NEW -> { }
    }
  }

  void bad(ResolvedTag tag, StatusCode status) {
    order.reportedBad(tag.key(), () -> accept(SampleMapper.badSample(connection, tag.key(), status,
        Instant.now(), declared.get(tag.key()))));
  }

  private void accept(Sample sample) {
    try {
      sink.accept(sample);
      delivered.increment();
    } catch (RuntimeException e) {
      sinkFailures.increment();
      if (sinkFailures.sum() == 1) {
        log.error("opcua connection '{}': the sample sink threw; samples are being lost", connection, e);
      }
    }
  }

  /**
   * A repeat is routine (the start-up Read and the first notification report the same change):
   * debug only. An older value means notifications were processed out of order: worth a line.
   */
  private void dropped(ResolvedTag tag, LiveOrder.Verdict verdict) {
    if (verdict == LiveOrder.Verdict.DUPLICATE) {
      log.debug("opcua connection '{}': tag '{}': the same change reported again, not delivered "
          + "twice ({} so far)", connection, tag.key(), order.duplicates());
      return;
    }
    String line = "opcua connection '" + connection + "': a value older than one already "
        + "delivered (tag '" + tag.key() + "', a notification processed late) was dropped so "
        + "that the tag never goes backwards; " + order.older() + " dropped so far — the tag's "
        + "newer value was delivered; if the count keeps growing, the gateway's host is short of "
        + "CPU";
    String admitted = throttle.admit(verdict.name(), line);
    if (admitted != null) {
      log.info(admitted);
    }
  }

  /** Values dropped because the same change was already delivered. */
  long duplicatesDropped() {
    return order.duplicates();
  }

  /** Values dropped because a newer one of their tag was already delivered. */
  long staleDropped() {
    return order.older();
  }

  long delivered() {
    return delivered.sum();
  }

  long sinkFailures() {
    return sinkFailures.sum();
  }
}
