package io.floorgate.mqtt;

import io.floorgate.config.GatewayConfig;
import io.floorgate.config.Range;
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
   * The metadata of every configured tag in configuration order, with the same paths the
   * normalizer gives readings, made afresh at each iteration from the (immutable) configuration:
   * the sender reads it after every connect only, and holding a {@code TagMeta} per tag in
   * between would cost ~120 bytes a tag for nothing, 12 MB at 100,000 tags.
   */
  public static Iterable<TagMeta> of(GatewayConfig config) {
    String root = config.namespace().root();
    return () -> config.connections().stream()
        .flatMap(c -> c.groups().stream().flatMap(g -> g.tags().stream().map(t -> new TagMeta(
            root + "/" + c.area() + "/" + t.path(), c.name(), t.node(), t.unit(), t.sourceUnit(),
            t.description(), t.range(), t.enumMap()))))
        .iterator();
  }
}
