package io.floorgate.normalize;

import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.GroupConfig;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.Namespace;
import io.floorgate.config.Range;
import io.floorgate.config.Scaling;
import io.floorgate.config.TagConfig;
import io.floorgate.config.TimestampPolicy;
import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.Deadband;
import io.floorgate.driver.Sample;
import io.floorgate.driver.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Config records and samples for normalization tests, built as the YAML loader builds them. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-11-26T07:40:01.250Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String CONNECTION = "rhk01";

  private Fixtures() {}

  /** A fluent stand-in for a YAML tag entry; only what a test sets differs from the defaults. */
  static final class Tag {
    private final String path;
    private @Nullable String unit;
    private @Nullable String sourceUnit;
    private @Nullable Scaling scaling;
    private Map<Long, String> enumMap = Map.of();
    private @Nullable Range range;
    private @Nullable Deadband deadband;

    Tag(String path) {
      this.path = path;
    }

    Tag unit(@Nullable String unit) {
      this.unit = unit;
      return this;
    }

    Tag sourceUnit(@Nullable String sourceUnit) {
      this.sourceUnit = sourceUnit;
      return this;
    }

    Tag scaling(@Nullable Scaling scaling) {
      this.scaling = scaling;
      return this;
    }

    Tag enumMap(Map<Long, String> enumMap) {
      this.enumMap = enumMap;
      return this;
    }

    Tag range(@Nullable Range range) {
      this.range = range;
      return this;
    }

    Tag deadband(@Nullable Deadband deadband) {
      this.deadband = deadband;
      return this;
    }

    TagConfig build() {
      return new TagConfig(path, "ns=2;s=" + path, "test tag " + path, unit, sourceUnit, scaling,
          enumMap, range, deadband);
    }

    @Override
    public String toString() {
      return path;
    }
  }

  static Tag tag(String path) {
    return new Tag(path);
  }

  static GatewayConfig config(TimestampPolicy policy, Tag... tags) {
    List<TagConfig> configs = java.util.Arrays.stream(tags).map(Tag::build).toList();
    GroupConfig group = new GroupConfig("fast", AcquisitionMode.SUBSCRIPTION,
        Duration.ofMillis(100), Duration.ofMillis(100), 10, null, Duration.ofSeconds(1), configs);
    ConnectionConfig connection = new ConnectionConfig(CONNECTION, "opc.tcp://127.0.0.1:4841/rhk01",
        "calcination", policy, Duration.ofSeconds(1), Duration.ofSeconds(30), List.of(group));
    return new GatewayConfig(new Namespace("jxnmm", "isohara", ""), mqtt(), List.of(connection));
  }

  static GatewayConfig config(Tag... tags) {
    return config(TimestampPolicy.defaults(), tags);
  }

  static Normalizer normalizer(Tag... tags) {
    return new Normalizer(config(tags), CLOCK);
  }

  static MqttConfig mqtt() {
    return new MqttConfig("tcp://127.0.0.1:1883", "floorgate-test", 1, 1000,
        Duration.ofSeconds(5));
  }

  static Sample sample(String tag, @Nullable Object value) {
    return sample(tag, value, Status.GOOD);
  }

  static Sample sample(String tag, @Nullable Object value, Status status) {
    return new Sample(CONNECTION, tag, value, status, NOW.minusMillis(50), NOW.minusMillis(20),
        NOW);
  }
}
