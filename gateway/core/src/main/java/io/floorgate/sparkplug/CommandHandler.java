package io.floorgate.sparkplug;

import io.floorgate.config.WriteLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.model.MetricDataTypeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NCMD and DCMD. A rebirth request is the only node command; a device command writes to the PLC
 * what passes {@link WriteCheck}, metric by metric, within the node's {@link WriteLimits}. Every
 * write — accepted, refused, done or failed — is logged on the {@value #AUDIT_LOGGER} logger, so
 * it can be kept apart as an audit trail.
 */
final class CommandHandler {

  static final String AUDIT_LOGGER = "floorgate.audit";

  private static final Logger AUDIT = LoggerFactory.getLogger(AUDIT_LOGGER);
  private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

  private final MetricModel model;
  private final DeviceWriter writer;
  private final NodeCounters counters;
  private final WriteLimits limits;
  private final WriteBudget budget;
  private final SparkplugBPayloadDecoder decoder = new SparkplugBPayloadDecoder();

  CommandHandler(MetricModel model, DeviceWriter writer, NodeCounters counters,
      WriteLimits limits, WriteBudget budget) {
    this.model = model;
    this.writer = writer;
    this.counters = counters;
    this.limits = limits;
    this.budget = budget;
  }

  /** Whether the NCMD asks for a rebirth ({@code Node Control/Rebirth = true}). */
  boolean rebirthRequested(String broker, byte[] payload) {
    MetricDataTypeMap types = new MetricDataTypeMap();
    types.addMetricDataType(Payloads.REBIRTH, MetricDataType.Boolean);
    SparkplugBPayload decoded = decode(payload, types);
    if (decoded == null) {
      LOG.warn("Sparkplug NCMD from broker {} is not a Sparkplug B payload; ignored", broker);
      return false;
    }
    boolean rebirth = false;
    for (Metric m : decoded.getMetrics()) {
      if (m != null && Payloads.REBIRTH.equals(m.getName())) {
        rebirth |= Boolean.TRUE.equals(m.getValue());
      } else {
        counters.commandsRefused.increment();
        LOG.warn("Sparkplug NCMD from broker {}: metric '{}' ignored; the node takes only {}",
            broker, m == null ? "?" : m.getName(), Payloads.REBIRTH);
      }
    }
    return rebirth;
  }

  /**
   * Checks the first {@code sparkplug.writes.maxPerMessage} metrics of a DCMD and writes those
   * that pass, as many as the node's write budget allows; never blocks on the PLC. What is
   * refused in bulk (beyond the cap, over the budget) is one audit line per cause with its count.
   */
  void deviceCommand(String broker, String deviceId, byte[] payload) {
    DeviceState device = model.device(deviceId);
    if (device == null) {
      refused(broker, deviceId, "?", null, "there is no such device on this node");
      return;
    }
    if (payload.length == 0) {
      refusedAll(broker, deviceId, 1, "the payload is empty (0 bytes): nothing to write");
      return;
    }
    MetricDataTypeMap types = new MetricDataTypeMap();
    for (MetricState m : device.metrics) {
      if (m.type != null) {
        types.addMetricDataType(m.name, m.type);
        types.addMetricDataType(m.alias, m.type);
      }
    }
    SparkplugBPayload decoded = decode(payload, types);
    if (decoded == null) {
      refused(broker, deviceId, "?", null, "the payload is not Sparkplug B, or names a metric "
          + "without a data type this device announced");
      return;
    }
    List<Metric> metrics = decoded.getMetrics() == null ? List.of() : decoded.getMetrics();
    if (metrics.isEmpty()) {
      refusedAll(broker, deviceId, 1, "the payload (" + payload.length + " bytes) names no "
          + "metric: nothing to write");
      return;
    }
    int looked = Math.min(metrics.size(), limits.maxPerMessage());
    List<Write> writes = new ArrayList<>();
    for (Metric m : metrics.subList(0, looked)) {
      Write w = check(broker, device, m);
      if (w != null) {
        writes.add(w);
      }
    }
    int granted = budget.take(writes.size());
    writes.subList(0, granted).forEach(w -> write(broker, w));
    if (granted < writes.size()) {
      refusedAll(broker, deviceId, writes.size() - granted, "the node writes at most "
          + budget.perSecond() + " values a second to its PLCs (sparkplug.writes.maxPerSecond); "
          + "space the commands out, or raise the limit if the PLCs take more");
    }
    if (metrics.size() > looked) {
      refusedAll(broker, deviceId, metrics.size() - looked, "one DCMD may write at most "
          + limits.maxPerMessage() + " metrics (sparkplug.writes.maxPerMessage) and this one "
          + "names " + metrics.size() + "; only the first " + looked + " were looked at: send "
          + "fewer metrics per DCMD");
    }
  }

  /** One checked value for a PLC variable. */
  private record Write(MetricState metric, Object value) {}

  /** The metric's write, or null when it is refused (audited). */
  private @Nullable Write check(String broker, DeviceState device, @Nullable Metric m) {
    if (m == null) {
      refused(broker, device.id, "?", null, "a metric has no data type and no known alias");
      return null;
    }
    MetricState metric = m.hasAlias() ? model.byAlias(device, m.getAlias())
        : m.hasName() ? model.byName(device, m.getName()) : null;
    String label = metric != null ? metric.name
        : m.hasName() ? m.getName() : "alias " + m.getAlias();
    if (metric == null) {
      refused(broker, device.id, label, m.getValue(), "the device has no such metric");
      return null;
    }
    if (!device.linkUp) {
      refused(broker, device.id, label, m.getValue(), "the PLC is not connected");
      return null;
    }
    WriteCheck.Verdict verdict = WriteCheck.check(metric.tag, m.getValue());
    if (!verdict.accepted()) {
      refused(broker, device.id, metric.name, m.getValue(), verdict.refusal());
      return null;
    }
    return new Write(metric, verdict.value());
  }

  private void write(String broker, Write w) {
    MetricState metric = w.metric();
    Object written = w.value();
    counters.commandsAccepted.increment();
    String what = written + " to " + metric.device.id + " '" + metric.name + "' ("
        + metric.tag.type().yamlName() + ", node " + metric.tag.node() + ")";
    AUDIT.info("Sparkplug DCMD via {}: writing {}", broker, what);
    writer.write(metric.device.id, metric.name, written).whenComplete((status, failure) -> {
      if (failure != null) {
        counters.writesFailed.increment();
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        AUDIT.warn("Sparkplug DCMD via {}: writing {} failed: {}", broker, what,
            cause.getMessage());
      } else if (!status.isGood()) {
        counters.writesFailed.increment();
        AUDIT.warn("Sparkplug DCMD via {}: the PLC refused {}: {} ({})", broker, what,
            status.name(), status.hex());
      } else {
        counters.writesDone.increment();
        AUDIT.info("Sparkplug DCMD via {}: wrote {}", broker, what);
      }
    });
  }

  /** {@code count} metrics (or one empty command) refused for one reason: one audit line. */
  private void refusedAll(String broker, String device, int count, String reason) {
    counters.commandsRefused.add(count);
    AUDIT.warn("Sparkplug DCMD via {}: refused {} for {}: {}", broker,
        count == 1 ? "1 command" : count + " metrics", device, reason);
  }

  private void refused(String broker, String device, String metric, @Nullable Object value,
      @Nullable String reason) {
    counters.commandsRefused.increment();
    AUDIT.warn("Sparkplug DCMD via {}: refused writing {} to {} '{}': {}", broker, value, device,
        metric, reason);
  }

  private @Nullable SparkplugBPayload decode(byte[] payload, MetricDataTypeMap types) {
    try {
      return decoder.buildFromByteArray(payload, types);
    } catch (Exception e) {
      return null;
    }
  }
}
