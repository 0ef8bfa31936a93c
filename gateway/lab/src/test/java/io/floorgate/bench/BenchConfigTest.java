package io.floorgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.alarm.AlarmTopics;
import io.floorgate.config.AlarmKind;
import io.floorgate.config.AlarmRuleConfig;
import io.floorgate.config.ConfigException;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/** The generated gateway configs, read by the gateway's own loader where it knows every key. */
class BenchConfigTest {

  private static final String PREFIX = "bench-0000test";

  private static BenchOptions options(String acquisition, String format) {
    return new BenchOptions(3, 5, acquisition, format, 1, "tcp://127.0.0.1:1883",
        Duration.ofSeconds(1), Duration.ofSeconds(1), false, "256m", false);
  }

  private static String yaml(BenchOptions options) {
    return BenchConfig.yaml(options, "opc.tcp://127.0.0.1:4841/rhk01", "tcp://127.0.0.1:1883",
        PREFIX, Path.of("/tmp/bench-buffer"));
  }

  private static GatewayConfig load(BenchOptions options) throws ConfigException {
    try {
      return ConfigLoader.parse(yaml(options), "bench.yaml", Map.of());
    } catch (ConfigException e) {
      throw new AssertionError(e.report() + "\n" + yaml(options), e);
    }
  }

  @ParameterizedTest(name = "{0} {1}, alarm probe {2}")
  @CsvSource({
      "subscription, uns, false",
      "polling, uns, false",
      "subscription, sparkplug, false",
      "subscription, uns, true",
      "polling, sparkplug, true"})
  void configIsAcceptedByTheGateway(String acquisition, String format, boolean probe)
      throws Exception {
    GatewayConfig config = load(options(acquisition, format).withAlarmProbe(probe));

    assertEquals(3 + (probe ? 1 : 0), config.connections().get(0).groups().stream()
        .mapToInt(g -> g.tags().size()).sum());
    assertEquals(probe, config.alarms() != null);
  }

  @Test
  void alarmProbeRaisesOneAlarmWhileTheProbeIsTrueAndAnotherWhileItIsFalse() throws Exception {
    GatewayConfig config = load(options("subscription", "uns").withAlarmProbe(true));

    List<AlarmRuleConfig> rules = config.alarms().rules();
    assertEquals(List.of("high=true", "low=false"),
        rules.stream().map(r -> r.name() + "=" + r.equals()).toList());
    for (AlarmRuleConfig r : rules) {
      assertEquals(AlarmKind.DISCRETE, r.kind());
      assertEquals(BenchConfig.AREA + "/" + BenchConfig.PROBE_TAG, r.tag());
    }
  }

  @Test
  void probeSubscriberFilterMatchesTheTopicsTheGatewayPublishesTransitionsOn() throws Exception {
    GatewayConfig config = load(options("subscription", "uns").withAlarmProbe(true));
    AlarmTopics topics = new AlarmTopics(config.namespace());
    String filter = BenchConfig.probeEventsFilter(PREFIX);
    String level = filter.substring(0, filter.length() - 1);

    for (String name : List.of("high", "low")) {
      String topic = topics.events(BenchConfig.AREA + ".rhk01.probe." + name);
      assertTrue(topic.startsWith(level) && topic.indexOf('/', level.length()) < 0,
          () -> topic + " is not matched by " + filter);
    }
  }

  @Test
  void batchedFormWritesTheAgreedUnsKeys() {
    Map<String, Object> doc = new Yaml().load(yaml(options("subscription", "uns-batched")));

    assertEquals(Map.of("form", "batched", "maxBatch", 500), doc.get("uns"));
    assertFalse(doc.containsKey("sparkplug"));
  }

  @Test
  void storeAndForwardOffWritesBufferDisabledAndNoDirectory() {
    Map<String, Object> on = new Yaml().load(yaml(options("subscription", "uns")));
    Map<String, Object> off = new Yaml().load(yaml(options("subscription", "uns").withBuffer(false)));

    assertEquals(Map.of("directory", "/tmp/bench-buffer"), on.get("buffer"));
    assertEquals(Map.of("enabled", false), off.get("buffer"));
  }

  @Test
  void batchTopicOfTheConnectionIsMatchedByTheSubscribersFilter() {
    String filter = BenchConfig.batchFilter(PREFIX);

    assertEquals(PREFIX + "/jxnmm/isohara/_batch/+", filter);
    assertTrue(Bench.filters("uns-batched", PREFIX).contains(filter));
    assertFalse(Bench.filters("uns", PREFIX).contains(filter));
  }

  @Test
  void connectionsAreGivenToTheGatewayAsMqttConnections() throws Exception {
    String yaml = BenchConfig.yaml(options("subscription", "uns"), "opc.tcp://127.0.0.1:4841/rhk01",
        "tcp://127.0.0.1:1883", PREFIX, Path.of("/tmp/bench-buffer"), 4);

    assertEquals(4, ConfigLoader.parse(yaml, "bench.yaml", Map.of()).mqtt().connections());
  }

  @Test
  void searchConfigSamplesEveryVariableAtTheShortestIntervalTheGatewayAccepts() throws Exception {
    SearchOptions search = new SearchOptions(3, List.of("uns"), false, 1,
        "tcp://127.0.0.1:1883", "256m", false, true, 1, Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(1), 1, null);

    GatewayConfig config = load(search.gatewayOptions("uns"));

    assertEquals(Duration.ofMillis(10),
        config.connections().get(0).groups().get(0).samplingInterval());
  }
}
