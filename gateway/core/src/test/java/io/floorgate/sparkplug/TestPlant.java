package io.floorgate.sparkplug;

import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.sim.SimulatedPlant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The plant the Sparkplug tests run: the simulated kiln and mixer 1 with a few tags of every kind
 * (integer heartbeat, temperatures, a writable setpoint, a writable fault switch, a boolean, an
 * enum state as text, a batch id), Sparkplug on and the UNS publisher off.
 */
final class TestPlant {

  static final String NODE = "floorgate";
  static final String KILN = "rhk01";
  static final String MIXER = "mx01";
  static final String SETPOINT = "rhk01/zone03/setpoint";
  static final String SETPOINT_NODE = "ns=2;s=RHK01.Zone03.TempSP";
  static final String TEMPERATURE = "rhk01/zone03/temperature";
  static final String TC_A = "rhk01/zone03/tc-a";
  static final String TC_OPEN_ZONE = "rhk01/fault-injection/tc-open-zone";
  static final String TC_OPEN_ZONE_NODE = "ns=2;s=RHK01.Faults.TcOpenZone";

  private static final String YAML = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: 'tcp://127.0.0.1:1883', clientId: '%CLIENT%-uns' }
      uns: { enabled: false }
      sparkplug:
        enabled: true
        groupId: '%GROUP%'
        edgeNodeId: floorgate
        clientId: '%CLIENT%'
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

  /** A group id of its own for every test, so tests on the shared broker do not meet. */
  static String uniqueGroup() {
    return "sp-test-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static GatewayConfig config(SimulatedPlant plant, String group, List<String> brokers,
      String extraSparkplugLines) throws Exception {
    String yaml = YAML
        .replace("%GROUP%", group)
        .replace("%CLIENT%", group)
        .replace("%BROKERS%", String.join(", ", brokers.stream().map(b -> "'" + b + "'").toList()))
        .replace("%EXTRA%", extraSparkplugLines.isEmpty() ? ""
            : "  " + extraSparkplugLines.strip().replace("\n", "\n  "))
        .replace("%RHK01%", Integer.toString(plant.plc("RHK01").port()))
        .replace("%MX01%", Integer.toString(plant.plc("MX01").port()));
    return ConfigLoader.parse(yaml, "sparkplug-test-plant.yaml", Map.of());
  }

  /** The tags of a device as the config lists them. */
  static List<String> metricNames(GatewayConfig config, String device) {
    return config.connections().stream().filter(c -> c.name().equals(device))
        .flatMap(c -> c.groups().stream()).flatMap(g -> g.tags().stream())
        .map(t -> t.path()).toList();
  }
}
