package io.floorgate.sparkplug;

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
 * what passes {@link WriteCheck}, metric by metric. Every write — accepted, refused, done or failed
 * — is logged on the {@value #AUDIT_LOGGER} logger, so it can be kept apart as an audit trail.
 */
final class CommandHandler {

  static final String AUDIT_LOGGER = "floorgate.audit";

  private static final Logger AUDIT = LoggerFactory.getLogger(AUDIT_LOGGER);
  private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

  private final MetricModel model;
  private final DeviceWriter writer;
  private final NodeCounters counters;
  private final SparkplugBPayloadDecoder decoder = new SparkplugBPayloadDecoder();

  CommandHandler(MetricModel model, DeviceWriter writer, NodeCounters counters) {
    this.model = model;
    this.writer = writer;
    this.counters = counters;
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

  /** Checks each metric of a DCMD and writes those that pass; never blocks on the PLC. */
  void deviceCommand(String broker, String deviceId, byte[] payload) {
    DeviceState device = model.device(deviceId);
    if (device == null) {
      refused(broker, deviceId, "?", null, "there is no such device on this node");
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
    for (Metric m : decoded.getMetrics()) {
      if (m == null) {
        refused(broker, deviceId, "?", null, "a metric has no data type and no known alias");
        continue;
      }
      MetricState metric = m.hasAlias() ? model.byAlias(device, m.getAlias())
          : m.hasName() ? model.byName(device, m.getName()) : null;
      String label = metric != null ? metric.name
          : m.hasName() ? m.getName() : "alias " + m.getAlias();
      if (metric == null) {
        refused(broker, deviceId, label, m.getValue(), "the device has no such metric");
      } else if (!device.linkUp) {
        refused(broker, deviceId, label, m.getValue(), "the PLC is not connected");
      } else {
        write(broker, metric, m.getValue());
      }
    }
  }

  private void write(String broker, MetricState metric, @Nullable Object value) {
    WriteCheck.Verdict verdict = WriteCheck.check(metric.tag, value);
    if (!verdict.accepted()) {
      refused(broker, metric.device.id, metric.name, value, verdict.refusal());
      return;
    }
    counters.commandsAccepted.increment();
    Object written = verdict.value();
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
