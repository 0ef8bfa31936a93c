package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.AcquisitionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped files under config/ load, and isohara.yaml covers the simulated plant. */
class PlantConfigFilesTest {

  static final Path CONFIG_DIR = repoRoot().resolve("config");
  /** Tags that carry no unit or range: counters, switches, states and names. */
  private static final Set<String> UNITLESS_VARIABLES =
      Set.of("Heartbeat", "Running", "AtSpeed", "Starts", "State", "BatchId");

  @Test
  void isoharaMapsEveryDocumentedSimulatorVariable() throws ConfigException {
    GatewayConfig config = ConfigLoader.load(CONFIG_DIR.resolve("isohara.yaml"), Map.of());

    for (String plc : List.of("RHK01", "MX01", "MX02")) {
      ConnectionConfig connection = connection(config, plc.toLowerCase());
      Set<String> mapped = tags(connection).stream().map(TagConfig::node)
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(documentedVariables(plc), mapped, plc);
    }
  }

  @Test
  void isoharaDescribesEveryTagAndGivesMeasurementsAUnitAndRange() throws ConfigException {
    GatewayConfig config = ConfigLoader.load(CONFIG_DIR.resolve("isohara.yaml"), Map.of());

    List<Runnable> checks = new ArrayList<>();
    for (ConnectionConfig connection : config.connections()) {
      for (TagConfig tag : tags(connection)) {
        String variable = tag.node().substring(tag.node().indexOf('.') + 1);
        // Modbus tags are addressed as "hr:0 float32 CDAB"; a single bit is a state, not a measure.
        boolean measured = opcUa(connection)
            ? !UNITLESS_VARIABLES.contains(variable) && !variable.startsWith("Faults.")
            : !tag.node().contains(" bit(");
        checks.add(() -> assertNotNull(tag.description(), tag.path()));
        if (measured) {
          checks.add(() -> assertNotNull(tag.unit(), tag.path() + " unit"));
          checks.add(() -> assertNotNull(tag.range(), tag.path() + " range"));
        }
      }
    }
    assertAll(checks.stream().map(c -> c::run));
  }

  @Test
  void everyHeartbeatIsSampledFastEnoughToSeeEachBeat() throws ConfigException {
    GatewayConfig config = ConfigLoader.load(CONFIG_DIR.resolve("isohara.yaml"), Map.of());

    for (ConnectionConfig connection : config.connections().stream()
        .filter(PlantConfigFilesTest::opcUa).toList()) {
      GroupConfig group = connection.groups().stream()
          .filter(g -> g.tags().stream().anyMatch(t -> t.node().endsWith(".Heartbeat")))
          .findFirst().orElseThrow();
      TagConfig heartbeat = group.tags().stream()
          .filter(t -> t.node().endsWith(".Heartbeat")).findFirst().orElseThrow();
      long beatsPerReport = group.publishingInterval().toMillis() / 100;
      assertAll(connection.name(),
          () -> assertEquals(connection.name() + "/heartbeat", heartbeat.path()),
          () -> assertEquals(AcquisitionMode.SUBSCRIPTION, group.mode()),
          () -> assertEquals(Duration.ofMillis(100), group.samplingInterval()),
          () -> assertTrue(group.publishingInterval().compareTo(Duration.ofMillis(250)) <= 0),
          () -> assertTrue(group.queueSize() >= Math.max(10, beatsPerReport)));
    }
  }

  @Test
  void isoharaReadsThePlcsOnTheirPortsAndHost() throws ConfigException {
    GatewayConfig config = ConfigLoader.load(CONFIG_DIR.resolve("isohara.yaml"),
        Map.of("FLOORGATE_PLC_HOST", "10.20.1.15", "FLOORGATE_MQTT_URL", "tcp://broker:1883",
            "FLOORGATE_PLC_PASSWORD", "Kiln#2026-plc"));

    assertEquals(List.of("opc.tcp://10.20.1.15:4841/rhk01", "opc.tcp://10.20.1.15:4842/mx01",
            "opc.tcp://10.20.1.15:4843/mx02", "modbus+tcp://10.20.1.15:5020",
            "modbus+tcp://10.20.1.15:5021"),
        config.connections().stream().map(ConnectionConfig::endpoint).toList());
    assertEquals(List.of("calcination", "mixing", "mixing", "calcination", "calcination"),
        config.connections().stream().map(ConnectionConfig::area).toList());
    assertEquals("tcp://broker:1883", config.mqtt().url());
  }

  @Test
  void demoUsesThePortsTheDemoCommandGivesAndTheSameTags() throws ConfigException {
    Map<String, String> env = Map.of("FLOORGATE_DEMO_RHK01_PORT", "51001",
        "FLOORGATE_DEMO_MX01_PORT", "51002", "FLOORGATE_DEMO_MX02_PORT", "51003",
        "FLOORGATE_DEMO_O2A01_PORT", "51004", "FLOORGATE_DEMO_PM01_PORT", "51005",
        "FLOORGATE_MQTT_URL", "tcp://127.0.0.1:51883");

    GatewayConfig demo = ConfigLoader.load(CONFIG_DIR.resolve("demo.yaml"), env);
    GatewayConfig isohara = ConfigLoader.load(CONFIG_DIR.resolve("isohara.yaml"), Map.of());

    assertEquals(List.of("opc.tcp://127.0.0.1:51001/rhk01", "opc.tcp://127.0.0.1:51002/mx01",
            "opc.tcp://127.0.0.1:51003/mx02", "modbus+tcp://127.0.0.1:51004",
            "modbus+tcp://127.0.0.1:51005"),
        demo.connections().stream().map(ConnectionConfig::endpoint).toList());
    assertEquals("tcp://127.0.0.1:51883", demo.mqtt().url());
    for (int i = 0; i < isohara.connections().size(); i++) {
      assertEquals(isohara.connections().get(i).groups(), demo.connections().get(i).groups());
    }
  }

  @Test
  void demoDefaultsToTheSimulatorsDefaultPorts() throws ConfigException {
    GatewayConfig demo = ConfigLoader.load(CONFIG_DIR.resolve("demo.yaml"), Map.of());

    assertEquals(List.of("opc.tcp://127.0.0.1:4841/rhk01", "opc.tcp://127.0.0.1:4842/mx01",
            "opc.tcp://127.0.0.1:4843/mx02", "modbus+tcp://127.0.0.1:5020",
            "modbus+tcp://127.0.0.1:5021"),
        demo.connections().stream().map(ConnectionConfig::endpoint).toList());
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleLoads(Path example) throws ConfigException {
    Map<String, String> env = Map.of("FLOORGATE_MQTT_USER", "gateway",
        "FLOORGATE_MQTT_PASSWORD", "from-the-environment");

    GatewayConfig config = ConfigLoader.load(example, env);

    assertTrue(!config.connections().isEmpty());
  }

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(CONFIG_DIR.resolve("examples"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  /** The simulator's variables as its contract documents them (load-mode variables aside). */
  private static Set<String> documentedVariables(String plc) {
    List<String> names = new ArrayList<>(List.of("Heartbeat"));
    if (plc.equals("RHK01")) {
      names.add("Running");
      for (int zone = 1; zone <= 12; zone++) {
        for (String v : List.of("TempSP", "TempPV", "TC_A", "TC_B", "HeaterOut_pct")) {
          names.add(String.format("Zone%02d.%s", zone, v));
        }
      }
      names.addAll(List.of("O2_pct", "O2Flow_Nm3h", "DewPoint_degC", "KilnPress_Pa",
          "RollerSpeed_mm_min", "CoolingWater_raw", "Faults.TcOpenZone", "Faults.OverTempZone",
          "Faults.O2Low", "Faults.ClockReset", "Faults.HeartbeatStall",
          "Faults.StuckZone"));
    } else {
      names.addAll(List.of("State", "Speed_rpm", "Current_A", "Torque_pct", "BearingTemp_degF",
          "Vibration_mm_s", "BatchId", "Running", "AtSpeed", "Starts", "RunCurrent_A",
          "Faults.OverCurrent", "Faults.HeartbeatStall"));
    }
    return names.stream().map(n -> "ns=2;s=" + plc + "." + n)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static ConnectionConfig connection(GatewayConfig config, String name) {
    return config.connections().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no connection " + name));
  }

  private static List<TagConfig> tags(ConnectionConfig connection) {
    return connection.groups().stream().flatMap(g -> g.tags().stream()).toList();
  }

  /** Surefire runs in the module directory; the config files live at the repository root. */
  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("config").resolve("examples"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no config/ directory above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  private static boolean opcUa(ConnectionConfig connection) {
    return connection.endpoint().startsWith("opc.tcp:");
  }
}
