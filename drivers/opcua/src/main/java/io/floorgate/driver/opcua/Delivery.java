package io.floorgate.driver.opcua;

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
 */
final class Delivery {

  private static final Logger log = LoggerFactory.getLogger(Delivery.class);

  private final String connection;
  private final SampleSink sink;
  private final LongAdder delivered = new LongAdder();
  private final LongAdder sinkFailures = new LongAdder();
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

  void value(ResolvedTag tag, DataValue value) {
    accept(SampleMapper.toSample(connection, tag.key(), value, Instant.now(),
        declared.get(tag.key())));
  }

  void bad(ResolvedTag tag, StatusCode status) {
    accept(SampleMapper.badSample(connection, tag.key(), status, Instant.now(),
        declared.get(tag.key())));
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

  long delivered() {
    return delivered.sum();
  }

  long sinkFailures() {
    return sinkFailures.sum();
  }
}
