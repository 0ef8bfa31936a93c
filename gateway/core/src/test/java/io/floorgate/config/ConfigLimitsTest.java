package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What bounds a config: its size on disk, its size once aliases are expanded, the length of
 * names and topics, finite numbers, and an address the API can listen on. Each refusal names
 * its line.
 */
@Timeout(20)
class ConfigLimitsTest {

  /** {@code %s} (at line 2) takes the test lines; the tags follow from line 11. */
  private static final String TEMPLATE = """
      namespace: { enterprise: jxnmm, site: isohara }
      %s
      mqtt: { url: tcp://127.0.0.1:1883 }
      connections:
        - name: rhk01
          endpoint: opc.tcp://127.0.0.1:4841/rhk01
          area: calcination
          groups:
            - name: zones
              tags:
      %s
      """;
  private static final String TAG = "            - { path: rhk01/zone01/temperature, "
      + "node: 'ns=2;s=T' }";

  @TempDir Path dir;

  private static GatewayConfig parse(String lines, String tags) throws ConfigException {
    return ConfigLoader.parse(TEMPLATE.formatted(lines, tags), "t.yaml", Map.of());
  }

  private static ConfigError refused(String lines, String tags) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(lines, tags));
    assertEquals(1, e.errors().size(), e::report);
    return e.errors().get(0);
  }

  @Test
  void sixtyTagsMayShareOneAnchoredRange() throws ConfigException {
    String tags = IntStream.range(0, 60).mapToObj(i -> "            - { path: rhk01/t" + i
        + ", node: 'ns=2;s=T" + i + "', range: " + (i == 0 ? "&r { low: 0, high: 1200 }" : "*r")
        + " }").collect(Collectors.joining("\n"));

    List<TagConfig> read = parse("", tags).connections().get(0).groups().get(0).tags();

    assertEquals(60, read.size());
    assertEquals(new Range(0, 1200), read.get(59).range());
  }

  @Test
  void anAliasBombIsRefusedAtTheAliasThatExpandsPastTheLimit() {
    // Each level repeats the one before ten times: a6 alone expands to 11,111,111 values.
    StringBuilder bomb = new StringBuilder("bomb:\n  a0: &a0 [v, v, v, v, v, v, v, v, v, v]\n");
    for (int level = 1; level <= 6; level++) {
      bomb.append("  a").append(level).append(": &a").append(level).append(" [")
          .append(String.join(", ", Collections.nCopies(10, "*a" + (level - 1))))
          .append("]\n");
    }

    ConfigError error = refused(bomb.toString().strip(), TAG);

    assertEquals(9, error.line(), error::format);
    assertTrue(error.message().contains("the alias *a5, which repeats everything under &a5, "
        + "takes the config past 5,000,000 values once its aliases are expanded"), error::format);
  }

  @Test
  void aFileAboveTheLimitIsRefusedBeforeItIsRead() throws Exception {
    Path file = dir.resolve("huge.yaml");
    String line = "# " + "x".repeat(98) + "\n";
    Files.writeString(file, line.repeat(ConfigLoader.MAX_FILE_BYTES / line.length() + 1));

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.check(file, Map.of()));

    assertEquals(List.of(new ConfigError(file.toString(), 0, "", "is 8.0 MB, above the limit "
        + "of 8MB for a config file; check that it is the gateway's YAML config (60,000 tags, "
        + "one line each, take 7.5 MB), or split the plant over gateways")), e.errors());
  }

  @Test
  void configTextAboveTheLimitIsRefusedToo() {
    String yaml = "# " + "é".repeat(ConfigLoader.MAX_FILE_BYTES / 2) + "\n";

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(yaml, "t.yaml", Map.of()));

    assertTrue(e.errors().get(0).message().startsWith("is 8.0 MB, above the limit of 8MB"),
        e::report);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      enterprise   | 'namespace: { enterprise: %s, site: isohara }'                 | 1 | namespace.enterprise
      topic prefix | 'namespace: { enterprise: jxnmm, site: isohara, topicPrefix: %s }' | 1 | namespace.topicPrefix
      sparkplug id | 'sparkplug: { enabled: true, groupId: %s }'                    | 2 | sparkplug.groupId
      """)
  void aNameAboveTwoHundredFiftySixCharactersIsRefused(String name, String row, int line,
      String path) {
    String lines = row.formatted("n".repeat(300));
    String text = lines.startsWith("namespace")
        ? TEMPLATE.replaceFirst("namespace: .*\n", lines + "\n").formatted("", TAG)
        : TEMPLATE.formatted(lines, TAG);

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(text, "t.yaml", Map.of()));

    ConfigError error = e.errors().get(0);
    assertEquals(1, e.errors().size(), e::report);
    assertEquals(line, error.line(), error::format);
    assertEquals(path, error.path(), error::format);
    assertTrue(error.message().endsWith("is 300 characters long, above the limit of 256; give "
        + "a shorter name (it becomes part of every MQTT topic)"), error::format);
  }

  @Test
  void aTagPathLevelAboveTheLimitIsRefused() {
    ConfigError error = refused("", "            - { path: rhk01/" + "z".repeat(257)
        + ", node: 'ns=2;s=T' }");

    assertEquals(11, error.line(), error::format);
    assertTrue(error.message().startsWith("level 'zzzzzzzzzzzzzzzzzzzzzzzz…' is 257 "
        + "characters long"), error::format);
  }

  @Test
  void aTagWhoseTopicsExceedWhatMqttCarriesIsRefusedAtItsPath() {
    String deep = IntStream.range(0, 300).mapToObj(i -> "l" + "v".repeat(250))
        .collect(Collectors.joining("/"));

    ConfigError error = refused("", TAG + "\n            - { path: " + deep
        + ", node: 'ns=2;s=D' }");

    assertEquals(12, error.line(), error::format);
    assertTrue(error.message().contains("above MQTT's limit of 65535; use fewer or shorter "
        + "levels in its path"), error::format);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      range high    | 'range: { low: 0, high: 1e400 }'                            | '1e400'
      range low     | 'range: { low: -1e400, high: 0 }'                           | '-1e400'
      scale         | 'scale: { rawLow: 0, rawHigh: 1E999, low: 0, high: 100 }'   | '1E999'
      scale high    | 'scale: { rawLow: 0, rawHigh: 100, low: 0, high: -2e308 }'  | '-2e308'
      """)
  void aNumberBeyondWhatADoubleHoldsIsRefused(String name, String key, String value) {
    ConfigError error = refused("", "            - { path: rhk01/t, node: 'ns=2;s=T', " + key
        + " }");

    assertEquals(11, error.line(), error::format);
    assertTrue(error.message().startsWith("'" + value + "' is beyond the largest number"),
        error::format);
  }

  @Test
  void anAlarmLimitBeyondWhatADoubleHoldsIsRefused() {
    ConfigError error = refused("alarms:\n  rules:\n    - { tag: calcination/rhk01/zone01/"
        + "temperature, type: hi, limit: 1e400 }", TAG);

    assertEquals(4, error.line(), error::format);
    assertEquals("alarms.rules[0].limit", error.path());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      garbage        | 'not an address!'  | is neither an IP address nor a host name
      port included  | '0.0.0.0:8480'     | holds a port; give the address alone here and the port in api.port
      octet too big  | '999.1.1.1'        | is not an IP address (999 is above 255)
      unknown name   | 'gw.invalid'       | is not an IP address nor a name this machine resolves
      """)
  void anApiBindThatCannotBeListenedOnIsRefused(String name, String bind, String message) {
    ConfigError error = refused("api:\n  bind: '" + bind + "'", TAG);

    assertEquals(3, error.line(), error::format);
    assertEquals("api.bind", error.path());
    assertTrue(error.message().contains(message), error::format);
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1", "0.0.0.0", "'::'", "'[::1]'", "localhost"})
  void anApiBindOfThisMachineIsAccepted(String bind) throws ConfigException {
    ConfigLoader.Checked checked = ConfigLoader.read(TEMPLATE.formatted("api: { bind: '" + bind
        + "' }", TAG), "t.yaml", Map.of(), ConfigLoader.NO_BASES);

    assertEquals(bind, checked.config().api().bind());
    assertEquals(List.of(), checked.warnings());
  }

  @Test
  void anApiBindOfAnotherMachineIsAWarning() throws ConfigException {
    ConfigLoader.Checked checked = ConfigLoader.read(TEMPLATE.formatted(
        "api: { bind: 192.0.2.10 }", TAG), "t.yaml", Map.of(), ConfigLoader.NO_BASES);

    assertEquals(1, checked.warnings().size());
    assertTrue(checked.warnings().get(0).message().startsWith("'192.0.2.10' (192.0.2.10) is not "
        + "an address of this machine"), checked.warnings()::toString);
  }
}
