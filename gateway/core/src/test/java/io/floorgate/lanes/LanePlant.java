package io.floorgate.lanes;

import io.floorgate.config.ConfigException;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.sim.SimulatedPlant;
import java.nio.file.Path;
import java.util.Map;

/**
 * The plant part of the lane tests' configs: the simulated kiln (heartbeat, zone 3 temperature)
 * and mixer 1 (heartbeat), the API on a free port and the buffer in the test's directory. The
 * test writes the rest, the {@code mqtt:}, {@code uns:}, {@code sparkplug:} and {@code alarms:}
 * sections under test, so that each test shows the keys it relies on.
 */
public final class LanePlant {

  /** A UNS value topic: the kiln's heartbeat, +1 every 100 ms. */
  public static final String HEARTBEAT = "jxnmm/isohara/calcination/rhk01/heartbeat";
  /** The edge node's birth, with the default ids: group = the site, node {@code floorgate}. */
  public static final String NBIRTH = "spBv1.0/isohara/NBIRTH/floorgate";
  /** Where a device birth goes: followed by the connection name. */
  public static final String DBIRTH = "spBv1.0/isohara/DBIRTH/floorgate/";
  /** The Sparkplug devices: one per PLC connection. */
  public static final int DEVICES = 2;
  /** The retained state of the alarm of {@link #HI_RULES}. */
  public static final String ALARM_STATE =
      "jxnmm/isohara/calcination/_alarms/state/rhk01/zone03/temperature/hi";
  /**
   * An alarm rule, as a line under {@code alarms:}, that is active as soon as the gateway reads
   * the kiln: zone 3 runs at about 500 °C.
   */
  public static final String HI_RULES =
      "rules: [ { tag: calcination/rhk01/zone03/temperature, type: hi, limit: 100 } ]";

  private static final String PLANT = """
      namespace: { enterprise: jxnmm, site: isohara }
      buffer: { directory: '%BUFFER%' }
      api: { port: 0 }
      connections:
        - name: rhk01
          endpoint: opc.tcp://127.0.0.1:%RHK01%/rhk01
          area: calcination
          retry: { initial: 200ms, max: 1s }
          groups:
            - name: fast
              samplingInterval: 100ms
              publishingInterval: 100ms
              queueSize: 20
              tags:
                - { path: rhk01/heartbeat, node: 'ns=2;s=RHK01.Heartbeat' }
                - { path: rhk01/zone03/temperature, node: 'ns=2;s=RHK01.Zone03.TempPV', unit: °C }
        - name: mx01
          endpoint: opc.tcp://127.0.0.1:%MX01%/mx01
          area: mixing
          retry: { initial: 200ms, max: 1s }
          groups:
            - name: fast
              samplingInterval: 100ms
              publishingInterval: 100ms
              queueSize: 20
              tags:
                - { path: mx01/heartbeat, node: 'ns=2;s=MX01.Heartbeat' }
      """;

  private LanePlant() {}

  /** The buffer directory of a config made with {@code dir}. */
  public static Path buffer(Path dir) {
    return dir.resolve("buffer").toAbsolutePath();
  }

  /**
   * The plant and the given lane sections, parsed as the gateway parses a file.
   *
   * @param lanes top-level YAML: {@code mqtt:} and whichever of {@code uns:}, {@code sparkplug:}
   *     and {@code alarms:} the test needs
   */
  public static GatewayConfig config(SimulatedPlant plant, Path dir, String lanes)
      throws ConfigException {
    return config(plant.plc("RHK01").port(), plant.plc("MX01").port(), dir, lanes);
  }

  /** With PLC ports of the test's choosing, for a gateway that never gets to read them. */
  public static GatewayConfig config(int rhk01Port, int mx01Port, Path dir, String lanes)
      throws ConfigException {
    String yaml = PLANT
        .replace("%BUFFER%", buffer(dir).toString())
        .replace("%RHK01%", Integer.toString(rhk01Port))
        .replace("%MX01%", Integer.toString(mx01Port))
        + lanes;
    return ConfigLoader.parse(yaml, "test.yaml", Map.of());
  }
}
