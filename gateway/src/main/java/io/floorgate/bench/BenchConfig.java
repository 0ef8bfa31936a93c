package io.floorgate.bench;

import java.nio.file.Path;
import java.util.Locale;

/** The gateway configuration for a bench run: every load variable of RHK01, one topic each. */
final class BenchConfig {

  /** ISA-95 area of the load tags; topics are {@code prefix/jxnmm/isohara/bench/rhk01/load/vNNNNN}. */
  static final String AREA = "bench";

  private BenchConfig() {}

  static String topicRoot(String prefix) {
    return prefix + "/jxnmm/isohara/" + AREA + "/rhk01/load";
  }

  static String yaml(BenchOptions options, String endpoint, String brokerUrl, String prefix, Path bufferDir) {
    StringBuilder y = new StringBuilder(64 * options.tags() + 1024);
    long periodMs = Math.max(10, Math.round(1000.0 / options.rateHz()));
    y.append("namespace: { enterprise: jxnmm, site: isohara, topicPrefix: ").append(prefix).append(" }\n");
    y.append("mqtt:\n");
    y.append("  url: ").append(brokerUrl).append('\n');
    y.append("  clientId: ").append(prefix).append('\n');
    y.append("  qos: ").append(options.qos()).append('\n');
    y.append("  maxInFlight: 1000\n");
    if (options.format().equals("sparkplug")) {
      y.append("uns: { enabled: false }\n");
      y.append("sparkplug: { enabled: true, groupId: ").append(prefix).append(", edgeNodeId: bench }\n");
    }
    y.append("buffer:\n");
    y.append("  directory: '").append(bufferDir).append("'\n");
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
      y.append("        mode: subscription\n");
      y.append("        samplingInterval: ").append(periodMs).append("ms\n");
      y.append("        publishingInterval: ").append(publishingMs).append("ms\n");
      y.append("        queueSize: ").append(publishingMs / periodMs + 2).append('\n');
    }
    y.append("        tags:\n");
    for (int i = 0; i < options.tags(); i++) {
      y.append(String.format(Locale.ROOT, "          - { path: rhk01/load/%s, node: '%s' }%n",
          LoadPlant.tagName(i), LoadPlant.nodeId(i)));
    }
    return y.toString();
  }
}
