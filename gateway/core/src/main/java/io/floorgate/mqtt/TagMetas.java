package io.floorgate.mqtt;

import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.GroupConfig;
import io.floorgate.config.TagConfig;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The metadata of every configured tag, as an unmodifiable list whose elements are made when they
 * are read. The sender reads them after every connect only, so holding one {@link TagMeta} (and
 * its path) per tag for the life of the process would cost ~120 bytes a tag for nothing: 12 MB at
 * 100,000 tags. The config the list reads from is immutable, so it never changes.
 */
final class TagMetas extends AbstractList<TagMeta> implements RandomAccess {

  /** One group's tags, and the connection they belong to. */
  private record Segment(ConnectionConfig connection, List<TagConfig> tags) {}

  private final String root;
  private final Segment[] segments;
  /** {@code starts[i]}: the list index of the first tag of {@code segments[i]}. */
  private final int[] starts;
  private final int size;

  TagMetas(GatewayConfig config) {
    this.root = config.namespace().root();
    List<Segment> found = new ArrayList<>();
    for (ConnectionConfig connection : config.connections()) {
      for (GroupConfig group : connection.groups()) {
        if (!group.tags().isEmpty()) {
          found.add(new Segment(connection, group.tags()));
        }
      }
    }
    this.segments = found.toArray(Segment[]::new);
    this.starts = new int[segments.length];
    int n = 0;
    for (int i = 0; i < segments.length; i++) {
      starts[i] = n;
      n += segments[i].tags().size();
    }
    this.size = n;
  }

  @Override
  public TagMeta get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of " + size + " tags");
    }
    int found = Arrays.binarySearch(starts, index);
    // Not found: the insertion point follows the segment that holds the index.
    int s = found >= 0 ? found : -found - 2;
    Segment segment = segments[s];
    TagConfig tag = segment.tags().get(index - starts[s]);
    ConnectionConfig connection = segment.connection();
    return new TagMeta(root + "/" + connection.area() + "/" + tag.path(), connection.name(),
        tag.node(), tag.unit(), tag.sourceUnit(), tag.description(), tag.range(), tag.enumMap());
  }

  @Override
  public int size() {
    return size;
  }
}
