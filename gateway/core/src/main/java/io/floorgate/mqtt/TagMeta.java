package io.floorgate.mqtt;

import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.GroupConfig;
import io.floorgate.config.Range;
import io.floorgate.config.TagConfig;
import java.util.ArrayList;
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

  /** The metadata of every configured tag, with the same paths the normalizer gives readings. */
  public static List<TagMeta> of(GatewayConfig config) {
    String root = config.namespace().root();
    List<TagMeta> metas = new ArrayList<>();
    for (ConnectionConfig connection : config.connections()) {
      for (GroupConfig group : connection.groups()) {
        for (TagConfig tag : group.tags()) {
          metas.add(new TagMeta(root + "/" + connection.area() + "/" + tag.path(),
              connection.name(), tag.node(), tag.unit(), tag.sourceUnit(), tag.description(),
              tag.range(), tag.enumMap()));
        }
      }
    }
    return List.copyOf(metas);
  }
}
