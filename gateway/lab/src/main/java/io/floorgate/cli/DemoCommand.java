package io.floorgate.cli;

import io.floorgate.Floorgate;
import io.floorgate.api.ListenFailure;
import io.floorgate.config.ConfigException;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.demo.EmbeddedBroker;
import io.floorgate.sim.ModbusDevice;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sim.SimulatedPlc;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole chain in one process — the simulated PLCs and Modbus devices on free
 * ports, an embedded MQTT 5 broker on loopback, and the gateway running {@code config/demo.yaml}
 * between them.
 */
@Command(name = "demo", description = "Simulated PLCs + embedded MQTT broker + gateway, in one process, until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {

  static final String DEMO_CONFIG_RESOURCE = "/floorgate/demo.yaml";

  /** The demo's wear: 36000x, ten hours a second. */
  static final String DEFAULT_DRIFT_SPEED = "36000";
  static final String DRIFT_SPEED_VARIABLE = "FLOORGATE_DEMO_DRIFT_SPEED";

  /**
   * isohara.yaml's maintenance rules judge over the gateway's real time, the demo's wear runs
   * fast: the disagreement of zone 05's thermocouples must hold 20 s instead of 10 minutes, MX01's
   * current trend is fitted over the last minute instead of 7 days. Each variable, when set, wins.
   */
  static final Map<String, String> DEMO_RULE_TIMES = Map.of(
      "FLOORGATE_DEMO_DRIFT_FOR", "20s",
      "FLOORGATE_DEMO_TREND_WINDOW", "1m");

  @Spec CommandSpec spec;

  @Option(names = "--broker-port", defaultValue = "0", description = "Port of the embedded broker (default: a free one).")
  int brokerPort;

  @Option(names = "--drift-speed", paramLabel = "FACTOR",
      defaultValue = "${env:" + DRIFT_SPEED_VARIABLE + ":-" + DEFAULT_DRIFT_SPEED + "}",
      description = "How many times faster than real time the simulated plant wears (default "
          + "${DEFAULT-VALUE}, from " + DRIFT_SPEED_VARIABLE + " when set: ten hours a second, "
          + "so that the maintenance alerts show within the first minute).")
  double driftSpeed;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "A config to run instead of the built-in config/demo.yaml.")
  @Nullable Path config;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    UntilSignal lifetime = new UntilSignal();
    try {
      // Checked first: the embedded broker would report a taken port only after a long wait.
      ListenFailure.check("127.0.0.1", brokerPort, "the broker address", "--broker-port");
      // Port 0: the PLCs and the Modbus devices each take a free port.
      SimulatedPlant plant = lifetime.closeOnExit(
          SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42, 0, 1.0).withModbusPort(0)
              .withDriftSpeed(driftSpeed)));
      EmbeddedBroker broker = lifetime.closeOnExit(EmbeddedBroker.start(brokerPort));

      Map<String, String> env = new HashMap<>(System.getenv());
      env.put("FLOORGATE_MQTT_URL", broker.url());
      DEMO_RULE_TIMES.forEach((name, value) -> {
        if (env.getOrDefault(name, "").isBlank()) {
          env.put(name, value);
        }
      });
      // The buffers (UNS, and Sparkplug's beside it with its bdSeq file) all inside one temporary
      // directory, removed on exit.
      TempDirectory run = lifetime.closeOnExit(TempDirectory.create("floorgate-demo-"));
      env.put("FLOORGATE_DEMO_BUFFER_DIR", run.resolve("buffer").toString());
      for (SimulatedPlc plc : plant.plcs()) {
        env.put("FLOORGATE_DEMO_" + plc.name().toUpperCase(Locale.ROOT) + "_PORT", Integer.toString(plc.port()));
      }
      for (ModbusDevice device : plant.modbusDevices()) {
        env.put("FLOORGATE_DEMO_" + device.name().toUpperCase(Locale.ROOT) + "_PORT",
            Integer.toString(device.port()));
      }
      String token = env.get("FLOORGATE_API_TOKEN");
      boolean demoToken = token == null || token.isBlank();
      if (demoToken) {
        // A token for this run only, so that acknowledging and shelving can be tried at once.
        env.put("FLOORGATE_API_TOKEN", java.util.UUID.randomUUID().toString());
      }
      GatewayConfig gatewayConfig = loadConfig(env);
      Floorgate gateway = lifetime.closeOnExit(Floorgate.start(gatewayConfig));

      for (SimulatedPlc plc : plant.plcs()) {
        out.printf("Simulated PLC %-5s %s%n", plc.name(), plc.endpointUrl());
      }
      for (ModbusDevice device : plant.modbusDevices()) {
        out.printf("Simulated Modbus device %-5s %s (unit id %d)%n", device.name(),
            device.endpointUrl(), device.unitId());
      }
      out.printf("Embedded MQTT broker on 127.0.0.1:%d. Watch the plant with:%n", broker.port());
      out.printf("mosquitto_sub -h 127.0.0.1 -p %d -t '%s/#' -v%n", broker.port(),
          gatewayConfig.namespace().enterprise());
      if (gateway.api() != null) {
        int api = gateway.api().port();
        out.printf("Status page: http://127.0.0.1:%d/ (metrics: http://127.0.0.1:%d/metrics)%n",
            api, api);
        out.printf("Alarms: ws://127.0.0.1:%d/alarms/stream and http://127.0.0.1:%d/api/alarms%n",
            api, api);
        out.printf("mosquitto_sub -h 127.0.0.1 -p %d -t '%s/+/_alarms/#' -v%n", broker.port(),
            gatewayConfig.namespace().root());
        if (demoToken && gatewayConfig.api() != null && gatewayConfig.api().token() != null) {
          out.printf("API token for ack/shelve (this run only): %s%n", gatewayConfig.api().token());
        }
      }
      if (gatewayConfig.sparkplug().enabled()) {
        out.printf("Sparkplug B edge node on the same broker: spBv1.0/%s/# (protobuf, for a "
            + "Sparkplug host such as Ignition's MQTT Engine)%n",
            gatewayConfig.sparkplug().groupId());
      }
      out.printf(Locale.ROOT, "The plant wears %.0fx faster than real time (--drift-speed): zone 05's "
          + "thermocouple B drifts and MX01's motor current creeps up; maintenance alerts at "
          + "/api/alarms?class=maintenance%n", driftSpeed);
      out.println("Ctrl-C to stop.");
      out.flush();
    } catch (ConfigException e) {
      err.println(e.report());
      err.flush();
      lifetime.closeAll();
      return 1;
    } catch (Exception e) {
      // Undeclared checked exceptions (Netty, Milo) too: the temporary directory must go.
      err.println("Demo not started: " + (e.getMessage() != null ? e.getMessage() : e));
      err.flush();
      lifetime.closeAll();
      return 1;
    }
    lifetime.await();
    return 0;
  }

  private GatewayConfig loadConfig(Map<String, String> env) throws IOException, ConfigException {
    if (config != null) {
      return ConfigLoader.load(config, env);
    }
    try (InputStream in = DemoCommand.class.getResourceAsStream(DEMO_CONFIG_RESOURCE)) {
      if (in == null) {
        throw new IOException("the built-in demo configuration " + DEMO_CONFIG_RESOURCE
            + " is missing from the jar; rebuild with mvn package");
      }
      return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "config/demo.yaml", env, DemoCommand::builtIn);
    }
  }

  /** What the built-in demo configuration extends: config/isohara.yaml, carried in the jar. */
  private static ConfigLoader.@Nullable Base builtIn(String name) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/floorgate/" + name)) {
      return in == null ? null : new ConfigLoader.Base("config/" + name,
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
