package io.floorgate;

import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.sim.SimulatedPlant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The operations tests' config: written to a file, so that it can be edited under a gateway. */
final class OpsPlant {

  static final String EXTRA_TAG = "          - { path: rhk01/zone04/temperature, "
      + "node: ns=2;s=RHK01.Zone04.TempPV, unit: °C }";

  final Path file;
  final Map<String, String> env;
  private final String template;

  OpsPlant(SimulatedPlant plant, Path dir, String prefix, String token) throws IOException {
    this(plant, dir, prefix, token, "/ops/plant.yaml");
  }

  /** With another template of the same placeholders, e.g. {@code /ops/status-page.yaml}. */
  OpsPlant(SimulatedPlant plant, Path dir, String prefix, String token, String resource)
      throws IOException {
    try (InputStream in = OpsPlant.class.getResourceAsStream(resource)) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    file = dir.resolve("plant.yaml");
    env = Map.of("OPS_PREFIX", prefix, "OPS_TOKEN", token,
        "OPS_BUFFER", dir.resolve("buffer").toString(),
        "OPS_RHK01_PORT", Integer.toString(plant.plc("RHK01").port()),
        "OPS_MX01_PORT", Integer.toString(plant.plc("MX01").port()));
  }

  /** Writes the config: with or without zone 04's tag, with the HI limit given. */
  OpsPlant write(boolean extraTag, String hiLimit) throws IOException {
    Files.writeString(file, template.replace("#EXTRA_TAG#", extraTag ? EXTRA_TAG : "")
        .replace("#HI_LIMIT#", hiLimit));
    return this;
  }

  GatewayConfig load() throws Exception {
    return ConfigLoader.load(file, env);
  }
}
