package io.floorgate.mqtt;

import io.floorgate.config.GatewayConfig;
import io.floorgate.config.Range;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a subscriber needs to read a tag's values, published retained on {@code …/{tag}/_meta}.
 *
 * @param path        the tag's ISA-95 path, {@code enterprise/site/area/…/tag}
 * @param connection  the PLC connection it comes from
 * @param node        its OPC UA node id
 * @param unit        the published unit, or null for unitless values
 * @param sourceUnit  the unit the PLC reports in, when it is converted; else null
 * @param description human-readable description, or null
 * @param range       expected engineering range, or null
 * @param enumMap     code to state name, empty when the tag is not an enumeration
 */
public record TagMeta(
    String path,
    String connection,
    String node,
    @Nullable String unit,
    @Nullable String sourceUnit,
    @Nullable String description,
    @Nullable Range range,
    Map<Long, String> enumMap) {

  public TagMeta {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(node, "node");
    enumMap = Map.copyOf(enumMap);
  }

  /**
   * The metadata of every configured tag, with the same paths the normalizer gives readings: an
   * unmodifiable list that makes each element when it is read ({@link TagMetas}).
   */
  public static List<TagMeta> of(GatewayConfig config) {
    return new TagMetas(config);
  }
}
