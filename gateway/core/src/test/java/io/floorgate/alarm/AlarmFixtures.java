package io.floorgate.alarm;

import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.driver.ConditionEvent;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import io.floorgate.testkit.MutableClock;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A small plant with alarm rules, readings for it, and a clock the test moves. */
final class AlarmFixtures {

  static final String ROOT = "jxnmm/isohara/";
  static final Status SENSOR_FAILURE = new Status(0x808B0000L, "Bad_SensorFailure");

  /** {@code alarms:} lines for tests of one thing that do not want a communication alarm. */
  static final String NO_COMMUNICATION = "  communication: { enabled: false }\n";

  private AlarmFixtures() {}

  static final String PLANT = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: tcp://127.0.0.1:1883, clientId: alarm-test }
      connections:
        - name: kiln
          endpoint: opc.tcp://127.0.0.1:4841/kiln
          area: calcination
          groups:
            - name: all
              tags:
                - { path: k/temp, node: ns=2;s=T, unit: °C }
                - { path: k/temp-b, node: ns=2;s=TB, unit: °C }
                - { path: k/running, node: ns=2;s=R }
                # A level named like the one in PLC condition ids (calcination.kiln.conditions.x)
                - { path: kiln/conditions, node: ns=2;s=KC }
                - { path: k/conditions/o2, node: ns=2;s=O2 }
        - name: mixer
          endpoint: opc.tcp://127.0.0.1:4842/mixer
          area: mixing
          groups:
            - name: all
              tags:
                - { path: m/state, node: ns=2;s=S }
      """;

  /** The plant with {@code rules} (YAML list items, indented by 4) under {@code alarms.rules}. */
  static GatewayConfig config(String rules, String extra) throws Exception {
    String yaml = PLANT + "alarms:\n" + extra + "  rules:\n" + rules;
    return ConfigLoader.parse(yaml, "alarm-test.yaml", Map.of());
  }

  static Reading reading(String path, @Nullable Object value, Quality quality, Instant at) {
    return new Reading("kiln", ROOT + path, value, null, quality,
        quality == Quality.BAD ? SENSOR_FAILURE : Status.GOOD, at, at, TimestampSource.SOURCE, at);
  }

  /** What connection kiln's PLC reports of its condition {@code name}. */
  static ConditionEvent condition(String name, boolean active, boolean acked, Instant at) {
    return new ConditionEvent("kiln", "ns=2;s=Kiln.Alarms." + name, Long.toHexString(
        at.toEpochMilli()), name, "Kiln", "Kiln " + name, 700, active, acked, active || !acked, at,
        at);
  }

  /** A clock that moves only when told, from a fixed morning. */
  static MutableClock clock() {
    return new MutableClock(Instant.parse("2026-11-26T07:00:00Z"));
  }
}
