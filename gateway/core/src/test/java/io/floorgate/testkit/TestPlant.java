package io.floorgate.testkit;

import io.floorgate.config.ConfigException;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.sim.SimulatedPlant;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Gateway configs that read the simulated Isohara plant, and the names tests assert on. There are
 * three, for three kinds of test, each reading what its tests need and no more:
 *
 * <ul>
 *   <li>{@link #heartbeatsYaml}: store-and-forward. Every PLC's heartbeat (+1 every 100 ms, every
 *       value kept by 100 ms sampling and a server queue) and, for load, the kiln's load
 *       variables; UNS to one broker, the buffer in the test's directory.
 *   <li>{@link #lanes}: the MQTT lanes. The kiln's heartbeat and zone 3 temperature and mixer 1's
 *       heartbeat, the API on a free port; the test writes the sections under test ({@code mqtt:},
 *       {@code uns:}, {@code sparkplug:}, {@code alarms:}), so that each shows the keys it relies
 *       on.
 *   <li>{@link #sparkplug}: the edge node. The kiln and mixer 1 with a tag of every kind (integer
 *       heartbeat, temperatures, a writable setpoint, a writable fault switch, a boolean, an enum
 *       state as text, a batch id), Sparkplug on and UNS off.
 * </ul>
 */
public final class TestPlant {

  /** The edge node's id, in every config here. */
  public static final String NODE = "floorgate";
  /** The kiln's connection, and its Sparkplug device. */
  public static final String KILN = "rhk01";
  /** Mixer 1's connection, and its Sparkplug device. */
  public static final String MIXER = "mx01";

  /** {@link #heartbeatsYaml}: the heartbeat topics, after {@code <prefix>/jxnmm/isohara/}. */
  public static final List<String> HEARTBEATS = List.of(
      "calcination/rhk01/heartbeat", "mixing/mx01/heartbeat", "mixing/mx02/heartbeat");

  /** {@link #lanes}: a UNS value topic, the kiln's heartbeat (+1 every 100 ms). */
  public static final String HEARTBEAT_TOPIC = "jxnmm/isohara/calcination/rhk01/heartbeat";
  /** {@link #lanes}: the edge node's birth, with the default group id, the site. */
  public static final String NBIRTH = "spBv1.0/isohara/NBIRTH/" + NODE;
  /** {@link #lanes}: where a device birth goes, followed by the connection name. */
  public static final String DBIRTH = "spBv1.0/isohara/DBIRTH/" + NODE + "/";
  /** {@link #lanes}: how many devices the node has. */
  public static final int DEVICES = 2;
  /** {@link #lanes}: the retained state of the alarm of {@link #HI_RULES}. */
  public static final String ALARM_STATE =
      "jxnmm/isohara/calcination/_alarms/state/rhk01/zone03/temperature/hi";
  /**
   * {@link #lanes}: an alarm rule, as a line under {@code alarms:}, that is active as soon as the
   * gateway reads the kiln: zone 3 runs at about 500 °C.
   */
  public static final String HI_RULES =
      "rules: [ { tag: calcination/rhk01/zone03/temperature, type: hi, limit: 100 } ]";

  /** {@link #sparkplug}: the tags and the PLC variables the tests write or assert on. */
  public static final String SETPOINT = "rhk01/zone03/setpoint";
  public static final String SETPOINT_NODE = "ns=2;s=RHK01.Zone03.TempSP";
  public static final String TEMPERATURE = "rhk01/zone03/temperature";
  public static final String TC_A = "rhk01/zone03/tc-a";
  public static final String TC_OPEN_ZONE = "rhk01/fault-injection/tc-open-zone";
  public static final String TC_OPEN_ZONE_NODE = "ns=2;s=RHK01.Faults.TcOpenZone";

  private static final String HEARTBEATS_YAML = """
      namespace: { enterprise: jxnmm, site: isohara, topicPrefix: %PREFIX% }
      mqtt: { url: '%BROKER%', clientId: '%PREFIX%', connectTimeout: 2s }
      buffer: { directory: '%BUFFER%' }
      connections:
      """;

  private static final String LANES_YAML = """
      namespace: { enterprise: jxnmm, site: isohara }
      buffer: { directory: '%BUFFER%' }
      api: { port: 0 }
      connections:
      """;

  /** A PLC's connection whose one group keeps every value: 100 ms, a server queue of 20. */
  private static final String EVERY_VALUE_CONNECTION = """
        - name: %1$s
          endpoint: opc.tcp://127.0.0.1:%3$d/%1$s
          area: %2$s
          retry: { initial: 200ms, max: %4$s }
          groups:
            - name: %5$s
              samplingInterval: 100ms
              publishingInterval: 100ms
              queueSize: 20
              tags:
      """;

  private static final String SPARKPLUG_YAML = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: 'tcp://127.0.0.1:1883', clientId: '%GROUP%-uns' }
      uns: { enabled: false }
      buffer: { directory: 'target/test-buffers/%GROUP%' }
      sparkplug:
        enabled: true
        groupId: '%GROUP%'
        edgeNodeId: floorgate
        clientId: '%GROUP%'
        brokers: [%BROKERS%]
        keepAlive: 5s
        connectTimeout: 3s
      %EXTRA%
      connections:
        - name: rhk01
          endpoint: opc.tcp://127.0.0.1:%RHK01%/rhk01
          area: calcination
          retry: { initial: 200ms, max: 1s }
          groups:
            - name: heartbeat
              samplingInterval: 100ms
              publishingInterval: 100ms
              tags:
                - { path: rhk01/heartbeat, node: ns=2;s=RHK01.Heartbeat }
            - name: zones
              samplingInterval: 100ms
              publishingInterval: 200ms
              tags:
                - path: rhk01/zone03/temperature
                  node: ns=2;s=RHK01.Zone03.TempPV
                  unit: °C
                  range: { low: 0, high: 1100 }
                - path: rhk01/zone03/setpoint
                  node: ns=2;s=RHK01.Zone03.TempSP
                  unit: °C
                  range: { low: 0, high: 1100 }
                  writable: true
                  type: double
                - { path: rhk01/zone03/tc-a, node: ns=2;s=RHK01.Zone03.TC_A, unit: °C }
                - { path: rhk01/zone04/tc-a, node: ns=2;s=RHK01.Zone04.TC_A, unit: °C }
            - name: status
              mode: polling
              pollInterval: 200ms
              tags:
                - { path: rhk01/running, node: ns=2;s=RHK01.Running }
                - path: rhk01/fault-injection/tc-open-zone
                  node: ns=2;s=RHK01.Faults.TcOpenZone
                  writable: true
                  type: int32
                  range: { low: 0, high: 12 }
        - name: mx01
          endpoint: opc.tcp://127.0.0.1:%MX01%/mx01
          area: mixing
          retry: { initial: 200ms, max: 1s }
          groups:
            - name: all
              samplingInterval: 100ms
              publishingInterval: 100ms
              tags:
                - { path: mx01/heartbeat, node: ns=2;s=MX01.Heartbeat }
                - path: mx01/state
                  node: ns=2;s=MX01.State
                  enum: { 0: idle, 1: charging, 2: mixing, 3: discharging, 4: fault }
                - { path: mx01/batch-id, node: ns=2;s=MX01.BatchId }
      """;

  private TestPlant() {}

  /**
   * The store-and-forward config as YAML text, for a gateway in this JVM or a process of its own.
   *
   * @param loadTags how many of the kiln's load variables to subscribe (the plant must have them)
   * @param loadInterval their sampling and publishing interval, e.g. "200ms"
   */
  public static String heartbeatsYaml(SimulatedPlant plant, String brokerUrl, String prefix,
      Path bufferDir, int loadTags, String loadInterval) {
    StringBuilder y = new StringBuilder(HEARTBEATS_YAML.replace("%PREFIX%", prefix)
        .replace("%BROKER%", brokerUrl)
        .replace("%BUFFER%", bufferDir.toAbsolutePath().toString()));
    y.append(connection("rhk01", "calcination", plant.plc("RHK01").port(), "2s", "heartbeat",
        heartbeat("rhk01")));
    if (loadTags > 0) {
      y.append("      - name: load\n        samplingInterval: ").append(loadInterval)
          .append("\n        publishingInterval: ").append(loadInterval)
          .append("\n        queueSize: 10\n        tags:\n");
      for (int i = 0; i < loadTags; i++) {
        y.append(String.format("          - { path: rhk01/load/v%05d, node: 'ns=2;s=RHK01.Load"
            + ".V%05d' }%n", i, i));
      }
    }
    y.append(connection("mx01", "mixing", plant.plc("MX01").port(), "2s", "heartbeat",
        heartbeat("mx01")));
    y.append(connection("mx02", "mixing", plant.plc("MX02").port(), "2s", "heartbeat",
        heartbeat("mx02")));
    return y.toString();
  }

  /**
   * The lane tests' plant and the given lane sections, parsed as the gateway parses a file.
   *
   * @param lanes top-level YAML: {@code mqtt:} and whichever of {@code uns:}, {@code sparkplug:}
   *     and {@code alarms:} the test needs
   */
  public static GatewayConfig lanes(SimulatedPlant plant, Path dir, String lanes)
      throws ConfigException {
    return lanes(plant.plc("RHK01").port(), plant.plc("MX01").port(), dir, lanes);
  }

  /** With PLC ports of the test's choosing, for a gateway that never gets to read them. */
  public static GatewayConfig lanes(int rhk01Port, int mx01Port, Path dir, String lanes)
      throws ConfigException {
    String yaml = LANES_YAML.replace("%BUFFER%", buffer(dir).toString())
        + connection("rhk01", "calcination", rhk01Port, "1s", "fast", heartbeat("rhk01"),
            "{ path: rhk01/zone03/temperature, node: 'ns=2;s=RHK01.Zone03.TempPV', unit: °C }")
        + connection("mx01", "mixing", mx01Port, "1s", "fast", heartbeat("mx01"))
        + lanes;
    return ConfigLoader.parse(yaml, "test.yaml", Map.of());
  }

  /** The buffer directory of a {@link #lanes} config made with {@code dir}. */
  public static Path buffer(Path dir) {
    return dir.resolve("buffer").toAbsolutePath();
  }

  /**
   * The Sparkplug tests' plant, its node in {@code group} on {@code brokers}.
   *
   * @param extraSparkplugLines more keys of the {@code sparkplug:} section, or ""
   */
  public static GatewayConfig sparkplug(SimulatedPlant plant, String group, List<String> brokers,
      String extraSparkplugLines) throws ConfigException {
    String yaml = SPARKPLUG_YAML
        .replace("%RHK01%", Integer.toString(plant.plc("RHK01").port()))
        .replace("%MX01%", Integer.toString(plant.plc("MX01").port()))
        .replace("%GROUP%", group)
        .replace("%BROKERS%", String.join(", ", brokers.stream().map(b -> "'" + b + "'").toList()))
        .replace("%EXTRA%", extraSparkplugLines.isEmpty() ? ""
            : "  " + extraSparkplugLines.strip().replace("\n", "\n  "));
    return ConfigLoader.parse(yaml, "sparkplug-test-plant.yaml", Map.of());
  }

  /** A Sparkplug group of its own for every test, so that tests on a shared broker do not meet. */
  public static String uniqueGroup() {
    return "sp-test-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The tags of a device as the config lists them. */
  public static List<String> metricNames(GatewayConfig config, String device) {
    return config.connections().stream().filter(c -> c.name().equals(device))
        .flatMap(c -> c.groups().stream()).flatMap(g -> g.tags().stream())
        .map(t -> t.path()).toList();
  }

  private static String connection(String name, String area, int port, String retryMax,
      String group, String... tags) {
    StringBuilder y = new StringBuilder(
        EVERY_VALUE_CONNECTION.formatted(name, area, port, retryMax, group));
    for (String tag : tags) {
      y.append("          - ").append(tag).append('\n');
    }
    return y.toString();
  }

  private static String heartbeat(String connection) {
    return "{ path: %s/heartbeat, node: 'ns=2;s=%s.Heartbeat' }"
        .formatted(connection, connection.toUpperCase(Locale.ROOT));
  }
}
