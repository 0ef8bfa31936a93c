package io.floorgate.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.ConfigLoader;
import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.GroupConfig;
import io.floorgate.config.TagConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagMetaTest {

  private static GatewayConfig plant() throws Exception {
    return ConfigLoader.load(Path.of("../../config/isohara.yaml"), Map.of());
  }

  private static List<TagMeta> listed(Iterable<TagMeta> metas) {
    List<TagMeta> listed = new ArrayList<>();
    metas.forEach(listed::add);
    return listed;
  }

  @Test
  void listsTheMetadataOfEveryTagInConfigurationOrder() throws Exception {
    GatewayConfig config = plant();
    List<TagMeta> expected = new ArrayList<>();
    for (ConnectionConfig connection : config.connections()) {
      for (GroupConfig group : connection.groups()) {
        for (TagConfig tag : group.tags()) {
          expected.add(new TagMeta(config.namespace().root() + "/" + connection.area() + "/"
              + tag.path(), connection.name(), tag.node(), tag.unit(), tag.sourceUnit(),
              tag.description(), tag.range(), tag.enumMap()));
        }
      }
    }
    assertTrue(config.connections().size() > 1, "the plant has several connections");

    assertEquals(expected, listed(TagMeta.of(config)));
  }

  @Test
  void everyIterationMakesTheSameMetadataAfreshAndNoneIsHeldInBetween() throws Exception {
    Iterable<TagMeta> metas = TagMeta.of(plant());

    List<TagMeta> first = listed(metas);
    List<TagMeta> second = listed(metas);

    assertEquals(first, second, "read again after a reconnect: the same metadata");
    assertNotSame(first.get(0), second.get(0), "made when read, not kept per tag");
  }
}
