package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.Secret;
import io.floorgate.driver.UserIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets copied from an example file, or too weak to guard the alarm API, stop the config from
 * loading (and so {@code check} and {@code run}), each with the variable to set and how.
 */
class PlaceholderSecretsTest {

  private static final String TOKEN_LINE = "api: { token: '${FLOORGATE_API_TOKEN}' }\n";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      change-me-to-a-long-random-secret | is a placeholder ('changeme'), not a secret
      compose-trial-token-change-me     | is a placeholder ('changeme'), not a secret
      CHANGEME                          | is a placeholder ('changeme'), not a secret
      password                          | is a placeholder ('password'), not a secret
      secret                            | is a placeholder ('secret'), not a secret
      <your-token>                      | is a placeholder ('yourtoken'), not a secret
      kiln-token                        | is shorter than 16 characters
      aaaaaaaaaaaaaaaaaaaa              | has fewer than 8 different characters
      abababababababababab              | has fewer than 8 different characters
      1234567890123456                  | is mostly repeated or consecutive characters
      abcdefghijklmnopqrst              | is mostly repeated or consecutive characters
      """)
  void weakApiTokenIsRefusedWithTheCommandThatMakesAGoodOne(String token, String problem) {
    ConfigError error = onlyError(TOKEN_LINE, Map.of("FLOORGATE_API_TOKEN", token));

    assertAll(
        () -> assertEquals("api.token", error.path()),
        () -> assertEquals(14, error.line(), error::format),
        () -> assertTrue(error.message().startsWith(problem), error::format),
        () -> assertTrue(error.message().contains("set FLOORGATE_API_TOKEN (in "
            + "/etc/floorgate/floorgate.env"), error::format),
        () -> assertTrue(error.message().contains("made by: openssl rand -hex 24"),
            error::format));
    if (!problem.startsWith("is a placeholder")) {
      assertFalse(error.message().contains(token), "a token is never repeated: " + error.format());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"7d1f0c9e4b2a65f3e8d07c1b9a4f62e5d3c8b7a1f0e9d2c4",
      "0270ee26-c242-4b5a-a969-8157da30ea98", "Kx9#mQ2$vL7!pR4&"})
  void randomTokenIsAccepted(String token) throws ConfigException {
    assertEquals(token, parse(TOKEN_LINE, Map.of("FLOORGATE_API_TOKEN", token)).api().token());
  }

  @Test
  void everyTokenOfTheRecommendedCommandPasses() {
    // openssl rand -hex 24: 24 random bytes as 48 hex digits; seeded, so a failure repeats.
    Random random = new Random(16);
    for (int i = 0; i < 100_000; i++) {
      byte[] bytes = new byte[24];
      random.nextBytes(bytes);
      String token = HexFormat.of().formatHex(bytes);
      assertNull(Secrets.tokenProblem(token), token);
    }
  }

  @Test
  void literalWeakTokenIsToldToComeFromTheEnvironment() {
    ConfigError error = onlyError("api: { token: changeme }\n", Map.of());

    assertTrue(error.message().contains("write token: ${FLOORGATE_API_TOKEN} and set "
        + "FLOORGATE_API_TOKEN"), error::format);
  }

  @Test
  void tokenFromADefaultWrittenInTheFileIsRefused() {
    ConfigError error = onlyError(
        "api: { token: '${FLOORGATE_API_TOKEN:-7d1f0c9e4b2a65f3e8d07c1b9a4f62e5}' }\n", Map.of());

    assertTrue(error.message().startsWith("comes from the default written in the file"),
        error::format);
    assertTrue(error.message().contains("openssl rand -hex 24"), error::format);
  }

  @Test
  void placeholderPlcPasswordFromTheEnvironmentIsRefused() {
    ConfigError error = onlyError("", Map.of("PLC_PASSWORD", "change-me"));

    assertEquals("connections.rhk01.security.password", error.path());
    assertTrue(error.message().startsWith("is a placeholder ('changeme'), not the PLC's "
        + "password; set PLC_PASSWORD (in /etc/floorgate/floorgate.env"), error::format);
  }

  @Test
  void placeholderInAPasswordFileIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("plc-password"), "change-me\n");
    String yaml = SecurityConfigTest.config("""
        security:
          username: operator
          passwordFile: %s
        """.formatted(file));

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(yaml, "test.yaml", Map.of()));
    assertTrue(e.errors().get(0).message().endsWith("holds a placeholder ('changeme'), not the "
        + "PLC's password; write the password of the PLC account into it"), e::report);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mqtt.password", "sparkplug.password", "alarms.password"})
  void placeholderBrokerPasswordIsRefused(String key) {
    String section = key.substring(0, key.indexOf('.'));
    String yaml = switch (section) {
      case "mqtt" -> SecurityConfigTest.config("").replace(
          "mqtt: { url: tcp://127.0.0.1:1883 }",
          "mqtt: { url: tcp://127.0.0.1:1883, password: '${FLOORGATE_MQTT_PASSWORD}' }");
      case "sparkplug" -> SecurityConfigTest.config("")
          + "sparkplug: { enabled: true, password: '${FLOORGATE_MQTT_PASSWORD}' }\n";
      default -> SecurityConfigTest.config("") + "alarms: { password: "
          + "'${FLOORGATE_MQTT_PASSWORD}', rules: [{ tag: calcination/rhk01/heartbeat, "
          + "type: hi, limit: 1 }] }\n";
    };

    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml,
        "test.yaml", Map.of("FLOORGATE_MQTT_PASSWORD", "changeme")));
    assertEquals(1, e.errors().size(), e::report);
    assertEquals(key, e.errors().get(0).path(), e::report);
    assertTrue(e.errors().get(0).message().startsWith("is a placeholder ('changeme'), not the "
        + "broker's password; set FLOORGATE_MQTT_PASSWORD"), e::report);
  }

  @Test
  void simulatorDefaultPasswordIsRefusedForAPlcElsewhere() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
        PlantConfigFilesTest.CONFIG_DIR.resolve("isohara.yaml"),
        Map.of("FLOORGATE_PLC_HOST", "10.20.1.15")));

    // One line, the alias's, for the three connections that share it.
    assertEquals(1, e.errors().size(), e::report);
    assertEquals("connections.rhk01.security.password", e.errors().get(0).path());
    assertTrue(e.errors().get(0).message().startsWith("FLOORGATE_PLC_PASSWORD is not set, and "
        + "the default written here is for a PLC on this machine (127.0.0.1 or localhost) only, "
        + "not for 10.20.1.15; set FLOORGATE_PLC_PASSWORD"), e::report);
    assertTrue(e.errors().get(0).message().endsWith("(the same for 2 more from this line, e.g. "
        + "connections.mx01.security.password)"), e::report);
    assertFalse(e.report().contains("isohara-sim"), "the default password is never printed");
  }

  @Test
  void sitePasswordFromTheEnvironmentIsTakenForAPlcElsewhere() throws ConfigException {
    GatewayConfig config = ConfigLoader.load(
        PlantConfigFilesTest.CONFIG_DIR.resolve("isohara.yaml"),
        Map.of("FLOORGATE_PLC_HOST", "10.20.1.15", "FLOORGATE_PLC_PASSWORD", "Kiln#2026-plc"));

    assertEquals(new UserIdentity.UserName("floorgate", Secret.of("Kiln#2026-plc")),
        config.connections().get(0).security().identity());
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]"})
  void simulatorDefaultPasswordServesTheLocalSimulator(String host) throws ConfigException {
    GatewayConfig config = ConfigLoader.load(
        PlantConfigFilesTest.CONFIG_DIR.resolve("isohara.yaml"),
        Map.of("FLOORGATE_PLC_HOST", host));

    assertEquals(new UserIdentity.UserName("floorgate", Secret.of("isohara-sim")),
        config.connections().get(0).security().identity());
  }

  @Test
  void demoLoadsWithTheTokenTheDemoCommandMakes() throws ConfigException {
    String token = UUID.randomUUID().toString();
    GatewayConfig demo = ConfigLoader.load(PlantConfigFilesTest.CONFIG_DIR.resolve("demo.yaml"),
        Map.of("FLOORGATE_API_TOKEN", token));

    assertNotNull(demo.api());
    assertEquals(token, demo.api().token());
  }

  private static GatewayConfig parse(String more, Map<String, String> env)
      throws ConfigException {
    return ConfigLoader.parse(SecurityConfigTest.config("""
        security:
          username: operator
          password: ${PLC_PASSWORD:-}
        """) + more, "test.yaml", env.containsKey("PLC_PASSWORD") ? env
        : with(env, "PLC_PASSWORD", "Kiln#2026-plc"));
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    var copy = new java.util.HashMap<>(env);
    copy.put(key, value);
    return copy;
  }

  private static ConfigError onlyError(String more, Map<String, String> env) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(more, env));
    assertEquals(1, e.errors().size(), e::report);
    return e.errors().get(0);
  }
}
