package io.floorgate.sparkplug;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the node publishes within one session, in order, with the one {@code seq} that all
 * N* and D* messages but NDEATH share: 0 for NBIRTH, +1 for each message after, 255 → 0. Births,
 * DATA and DDEATH go out at QoS 0, not retained, as Sparkplug 3.0 requires. DATA larger than the
 * limit is split into several messages; a birth is never split.
 */
final class Outbound {

  /** MQTT fixed header, topic length, packet id and properties of a PUBLISH, bounded. */
  private static final int PUBLISH_OVERHEAD = 16;
  private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);

  private final SparkplugTopics topics;
  private final Payloads payloads;
  private final NodeCounters counters;
  private @Nullable BrokerLink link;
  private int seq;
  private int dataLimit;
  private long packetLimit;

  Outbound(SparkplugTopics topics, Payloads payloads, NodeCounters counters) {
    this.topics = topics;
    this.payloads = payloads;
    this.counters = counters;
  }

  /**
   * A new session on {@code link}.
   *
   * @param maxDataBytes     the configured DATA limit
   * @param brokerMaxPacket  the broker's Maximum Packet Size from its CONNACK, or null for none
   */
  void begin(BrokerLink link, int maxDataBytes, @Nullable Long brokerMaxPacket) {
    this.link = link;
    this.packetLimit = brokerMaxPacket == null ? Long.MAX_VALUE : brokerMaxPacket;
    this.dataLimit = (int) Math.min(maxDataBytes, packetLimit - PUBLISH_OVERHEAD
        - topics.ddata("").length() - 64);
  }

  void end() {
    link = null;
  }

  /** The data limit of the current session, for batching. */
  int dataLimit() {
    return dataLimit;
  }

  /** NBIRTH with seq 0; the seq of the next message is 1. */
  boolean nbirth(int bdSeq) {
    seq = 0;
    boolean sent = publish(topics.nbirth(), payloads.nbirth(bdSeq, new Date()));
    seq = 1;
    if (sent) {
      counters.nodeBirths.increment();
    }
    return sent;
  }

  /**
   * DBIRTH with every metric; false when it was not sent, e.g. because it is larger than the
   * broker takes (then the device stays dead, and that is logged with what to do).
   */
  boolean dbirth(DeviceState device) {
    String topic = topics.dbirth(device.id);
    byte[] payload = payloads.dbirth(device, seq, new Date());
    if (tooLarge(topic, payload)) {
      counters.birthsTooLarge.increment();
      LOG.error("Sparkplug DBIRTH of device {} is {} bytes, more than the broker's maximum packet "
          + "size of {} bytes, so the device is not published. A birth cannot be split: raise "
          + "the broker's limit (Mosquitto: max_packet_size) or spread the PLC's tags over "
          + "several connections.", device.id, payload.length, packetLimit);
      return false;
    }
    boolean sent = publishCounted(topic, payload);
    if (sent) {
      counters.deviceBirths.increment();
    }
    return sent;
  }

  boolean ddeath(DeviceState device) {
    boolean sent = publishCounted(topics.ddeath(device.id), payloads.ddeath(seq, new Date()));
    if (sent) {
      counters.deviceDeaths.increment();
    }
    return sent;
  }

  /** DDATA of {@code metrics}, in as many messages as the data limit needs. */
  void ddata(DeviceState device, List<Metric> metrics) {
    if (metrics.isEmpty()) {
      return;
    }
    String topic = topics.ddata(device.id);
    SparkplugBPayload payload = new SparkplugBPayload(new Date(), metrics, (long) seq);
    byte[] bytes = payloads.encode(payload, true);
    if (bytes.length > dataLimit && metrics.size() > 1) {
      int half = metrics.size() / 2;
      ddata(device, metrics.subList(0, half));
      ddata(device, metrics.subList(half, metrics.size()));
      return;
    }
    if (tooLarge(topic, bytes)) {
      counters.dataTooLarge.increment();
      LOG.warn("Sparkplug DDATA of device {} with a single value is {} bytes, more than the "
          + "broker takes ({} bytes); dropped. A string tag this long needs a broker limit "
          + "raised.", device.id, bytes.length, packetLimit);
      return;
    }
    if (publishCounted(topic, bytes)) {
      counters.dataMessages.increment();
      counters.dataMetrics.add(metrics.size());
    }
  }

  private boolean tooLarge(String topic, byte[] payload) {
    return payload.length + PUBLISH_OVERHEAD
        + topic.getBytes(StandardCharsets.UTF_8).length > packetLimit;
  }

  /** Publishes a message that carries the current seq, then advances it. */
  private boolean publishCounted(String topic, byte[] payload) {
    boolean sent = publish(topic, payload);
    seq = (seq + 1) & 0xFF;
    return sent;
  }

  private boolean publish(String topic, byte[] payload) {
    BrokerLink l = link;
    if (l == null || !l.publish(topic, payload, 0)) {
      return false;
    }
    counters.messages.increment();
    counters.lastSeq = seq;
    return true;
  }
}
