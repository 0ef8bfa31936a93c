package io.floorgate.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

class TagMetasTest {

  private static GatewayConfig plant() throws Exception {
    return ConfigLoader.load(Path.of("../../config/isohara.yaml"), Map.of());
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

    List<TagMeta> metas = TagMeta.of(config);

    assertEquals(expected.size(), metas.size());
    assertEquals(expected, metas);
    assertEquals(expected, List.copyOf(metas));
  }

  @Test
  void isUnmodifiableAndBounded() throws Exception {
    List<TagMeta> metas = TagMeta.of(plant());

    assertThrows(UnsupportedOperationException.class, () -> metas.remove(0));
    assertThrows(IndexOutOfBoundsException.class, () -> metas.get(metas.size()));
    assertThrows(IndexOutOfBoundsException.class, () -> metas.get(-1));
  }
}
