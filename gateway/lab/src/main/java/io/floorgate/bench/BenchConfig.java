package io.floorgate.bench;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The gateway configuration for a bench run: every load variable of RHK01, one topic each (or in
 * batches), and with the alarm probe the simulator's probe variable and two alarm rules on it.
 */
final class BenchConfig {

  /** ISA-95 area of the load tags; topics are {@code prefix/jxnmm/isohara/bench/rhk01/load/vNNNNN}. */
  static final String AREA = "bench";

  /** The load variables' path below the topic prefix, without the index. */
  static final String LOAD_PATH = "jxnmm/isohara/" + AREA + "/rhk01/load";

  /** Values per UNS batch message ({@code uns.maxBatch}). */
  static final int MAX_BATCH = 500;

  /** The probe's tag below the area. Not under {@code rhk01/load}: its values are no load. */
  static final String PROBE_TAG = "rhk01/probe";

  private BenchConfig() {}

  static String topicRoot(String prefix) {
    return prefix + "/" + LOAD_PATH;
  }

  /** Every batch topic of the run: {@code prefix/jxnmm/isohara/_batch/<connection>}. */
  static String batchFilter(String prefix) {
    return prefix + "/jxnmm/isohara/_batch/+";
  }

  /** The probe's alarm transitions: {@code prefix/jxnmm/isohara/bench/_alarms/events/rhk01/probe/<name>}. */
  static String probeEventsFilter(String prefix) {
    return prefix + "/jxnmm/isohara/" + AREA + "/_alarms/events/" + PROBE_TAG + "/+";
  }

  static String yaml(BenchOptions options, String endpoint, String brokerUrl, String prefix, Path bufferDir) {
    return yaml(options, endpoint, brokerUrl, prefix, bufferDir, 1);
  }

  /** The same with {@code mqtt.connections} telemetry connections. */
  static String yaml(BenchOptions options, String endpoint, String brokerUrl, String prefix,
      Path bufferDir, int connections) {
    StringBuilder y = new StringBuilder(64 * options.tags() + 2048);
    long periodMs = Math.max(10, Math.round(1000.0 / options.rateHz()));
    y.append("namespace: { enterprise: jxnmm, site: isohara, topicPrefix: ").append(prefix).append(" }\n");
    y.append("mqtt:\n");
    y.append("  url: ").append(brokerUrl).append('\n');
    y.append("  clientId: ").append(prefix).append('\n');
    y.append("  qos: ").append(options.qos()).append('\n');
    y.append("  maxInFlight: 1000\n");
    if (connections > 1) {
      y.append("  connections: ").append(connections).append('\n');
    }
    if (options.sparkplug()) {
      y.append("uns: { enabled: false }\n");
      y.append("sparkplug: { enabled: true, groupId: ").append(prefix).append(", edgeNodeId: bench }\n");
    } else if (options.batched()) {
      y.append("uns: { form: batched, maxBatch: ").append(MAX_BATCH).append(" }\n");
    }
    if (options.buffer()) {
      y.append("buffer:\n");
      y.append("  directory: '").append(bufferDir).append("'\n");
    } else {
      y.append("buffer: { enabled: false }\n");
    }
    y.append("connections:\n");
    y.append("  - name: rhk01\n");
    y.append("    endpoint: ").append(endpoint).append('\n');
    y.append("    area: ").append(AREA).append('\n');
    y.append("    retry: { initial: 200ms, max: 2s }\n");
    y.append("    groups:\n");
    y.append("      - name: load\n");
    if (options.acquisition().equals("polling")) {
      y.append("        mode: polling\n");
      // Read twice per update: a poll at the update rate itself misses an update now and then
      // when the two clocks drift past each other.
      y.append("        pollInterval: ").append(Math.max(50, periodMs / 2)).append("ms\n");
    } else {
      long publishingMs = Math.max(100, periodMs);
      // Sample twice per update, as polling reads: the PLC samples on its own clock, and one
      // sample per update misses an update whenever its timer and the scan drift past each other.
      long samplingMs = Math.max(1, periodMs / 2);
      y.append("        mode: subscription\n");
      y.append("        samplingInterval: ").append(samplingMs).append("ms\n");
      y.append("        publishingInterval: ").append(publishingMs).append("ms\n");
      y.append("        queueSize: ").append(publishingMs / samplingMs + 2).append('\n');
    }
    y.append("        tags:\n");
    for (int i = 0; i < options.tags(); i++) {
      y.append(String.format(Locale.ROOT, "          - { path: rhk01/load/%s, node: '%s' }%n",
          LoadPlant.tagName(i), LoadPlant.nodeId(i)));
    }
    if (options.alarmProbe()) {
      probe(y);
    }
    return y.toString();
  }

  /**
   * The probe's group and its alarms. The probe is sampled at the simulator's 100 ms scan and
   * reported within 10 ms, as an alarm tag on a real site would be set up. Two rules, one raised
   * while it is true and one while it is false, so that every flip raises an alarm: a CLEAR
   * carries the source time of the reading that raised the alarm, so only a RAISE can be timed.
   */
  private static void probe(StringBuilder y) {
    y.append("      - name: probe\n");
    y.append("        mode: subscription\n");
    y.append("        samplingInterval: 100ms\n");
    y.append("        publishingInterval: 10ms\n");
    y.append("        queueSize: 2\n");
    y.append("        tags:\n");
    y.append("          - { path: ").append(PROBE_TAG).append(", node: '").append(LoadPlant.PROBE_NODE)
        .append("' }\n");
    y.append("alarms:\n");
    y.append("  rules:\n");
    for (String state : new String[] {"true", "false"}) {
      y.append("    - { tag: ").append(AREA).append('/').append(PROBE_TAG)
          .append(", type: discrete, name: ").append(state.equals("true") ? "high" : "low")
          .append(", equals: ").append(state).append(", priority: urgent, message: Bench probe is ")
          .append(state).append(" }\n");
    }
    // The alarm stream, for the bench's console: a WebSocket frame per transition is part of the lane.
    y.append("api: { bind: 127.0.0.1, port: 0 }\n");
  }
}
