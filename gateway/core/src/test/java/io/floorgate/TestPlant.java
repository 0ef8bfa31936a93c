package io.floorgate;

import io.floorgate.sim.SimulatedPlant;
import java.nio.file.Path;

/**
 * Gateway configs for the store-and-forward tests: the simulated PLCs' heartbeats (+1 every
 * 100 ms, every value kept by 100 ms sampling and a server queue) and, for load, the kiln's load
 * variables, against a given broker and buffer directory.
 */
final class TestPlant {

  static final String ENTERPRISE_SITE = "jxnmm/isohara/";
  static final String[] HEARTBEATS = {
      "calcination/rhk01/heartbeat", "mixing/mx01/heartbeat", "mixing/mx02/heartbeat"};

  private TestPlant() {}

  /**
   * @param loadTags how many of the kiln's load variables to subscribe (the plant must have them)
   * @param loadInterval their sampling and publishing interval, e.g. "200ms"
   */
  static String yaml(SimulatedPlant plant, String brokerUrl, String prefix, Path bufferDir,
      int loadTags, String loadInterval) {
    StringBuilder y = new StringBuilder()
        .append("namespace: { enterprise: jxnmm, site: isohara, topicPrefix: ").append(prefix)
        .append(" }\n")
        .append("mqtt:\n  url: ").append(brokerUrl).append("\n  clientId: ").append(prefix)
        .append("\n  connectTimeout: 2s\n")
        .append("buffer:\n  directory: '").append(bufferDir.toAbsolutePath()).append("'\n")
        .append("connections:\n");
    connection(y, "rhk01", "calcination", plant.plc("RHK01").port(), "RHK01");
    if (loadTags > 0) {
      y.append("      - name: load\n        samplingInterval: ").append(loadInterval)
          .append("\n        publishingInterval: ").append(loadInterval)
          .append("\n        queueSize: 10\n        tags:\n");
      for (int i = 0; i < loadTags; i++) {
        y.append(String.format("          - { path: rhk01/load/v%05d, node: 'ns=2;s=RHK01.Load"
            + ".V%05d' }%n", i, i));
      }
    }
    connection(y, "mx01", "mixing", plant.plc("MX01").port(), "MX01");
    connection(y, "mx02", "mixing", plant.plc("MX02").port(), "MX02");
    return y.toString();
  }

  private static void connection(StringBuilder y, String name, String area, int port,
      String plc) {
    y.append("  - name: ").append(name).append("\n    endpoint: opc.tcp://127.0.0.1:").append(port)
        .append('/').append(name).append("\n    area: ").append(area)
        .append("\n    retry: { initial: 200ms, max: 2s }\n    groups:\n")
        .append("      - name: heartbeat\n        samplingInterval: 100ms\n")
        .append("        publishingInterval: 100ms\n        queueSize: 20\n        tags:\n")
        .append("          - { path: ").append(name).append("/heartbeat, node: 'ns=2;s=")
        .append(plc).append(".Heartbeat' }\n");
  }
}
