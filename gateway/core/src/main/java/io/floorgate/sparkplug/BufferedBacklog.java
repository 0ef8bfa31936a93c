package io.floorgate.sparkplug;

import io.floorgate.buffer.BufferedReading;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.reading.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Sparkplug node's store-and-forward: readings it could not publish live (broker away, primary
 * host offline) wait in a disk buffer of their own and come back after the next births, oldest
 * first, as historical DATA. The same guarantees as the UNS buffer: bounded by bytes and age,
 * survives {@code kill -9}.
 *
 * <p>A batch leaves the buffer once handed to the node for publishing; the node sends DATA at
 * QoS 0, as Sparkplug prescribes, so a connection lost in that moment loses that batch.
 */
final class BufferedBacklog implements Backlog, AutoCloseable {

  /** Readings per replay turn: the node serves live data and commands between turns. */
  static final int BATCH = 1_000;

  private final DiskBuffer buffer;
  /** The last sequence number handed to the node; only the node's thread touches it. */
  private long handed;

  BufferedBacklog(DiskBuffer buffer) {
    this.buffer = buffer;
    this.handed = buffer.firstSeq() - 1;
  }

  @Override
  public void hold(Reading reading) {
    buffer.append(reading);
  }

  @Override
  public boolean replay(Consumer<List<Reading>> historical) {
    List<BufferedReading> batch = buffer.read(Math.max(handed, buffer.firstSeq() - 1),
        buffer.lastSeq(), BATCH);
    if (batch.isEmpty()) {
      return false;
    }
    List<Reading> readings = new ArrayList<>(batch.size());
    for (BufferedReading entry : batch) {
      readings.add(entry.reading());
    }
    historical.accept(readings);
    for (BufferedReading entry : batch) {
      buffer.acknowledge(entry);
    }
    handed = batch.get(batch.size() - 1).seq();
    buffer.maintain();
    return handed < buffer.lastSeq();
  }

  long held() {
    return buffer.size();
  }

  @Override
  public void close() {
    buffer.close();
  }
}
