package io.floorgate.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A configuration written as the differences from another ({@code extends: isohara.yaml}), so a
 * variant (the demo, a test bench, a second line) does not copy the plant and drift from it.
 *
 * <p>How the overlay's keys apply to the base: a map merges key by key; a list of items that
 * have a {@code name} (connections, groups) merges item by name, new names appended; any other
 * value replaces the base's, and an empty value ({@code ~}) removes it (the key's default then
 * applies). Nodes keep the lines of the file they come from, and errors name that file.
 */
final class Overlay {

  static final String EXTENDS = "extends";

  /** Start marks of the base's nodes: copies made later (templates) keep them, and so the file. */
  private final Set<Mark> fromBase = Collections.newSetFromMap(new IdentityHashMap<>());

  /** The merged tree; remembers which nodes came from {@code base}. */
  Node merge(Node base, Node overlay) {
    collect(base);
    return merged(base, overlay);
  }

  /** Whether a node of the merged tree came from the base file. */
  boolean fromBase(Node node) {
    return fromBase.contains(node.getStartMark());
  }

  /** The overlay's {@code extends:} value, or null when it has none. */
  static @Nullable String extendsOf(Node root) {
    if (root instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(EXTENDS)
            && t.getValueNode() instanceof ScalarNode v) {
          return v.getValue().strip();
        }
      }
    }
    return null;
  }

  /** The root without its {@code extends:} key. */
  static Node withoutExtends(Node root) {
    MappingNode map = (MappingNode) root;
    List<NodeTuple> rest = new ArrayList<>();
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(EXTENDS))) {
        rest.add(t);
      }
    }
    return new MappingNode(map.getTag(), true, rest, map.getStartMark(), map.getEndMark(),
        map.getFlowStyle());
  }

  private Node merged(Node base, Node overlay) {
    if (base instanceof MappingNode b && overlay instanceof MappingNode o) {
      Map<String, NodeTuple> over = byKey(o);
      List<NodeTuple> tuples = new ArrayList<>();
      for (NodeTuple t : b.getValue()) {
        NodeTuple replaced = over.remove(key(t));
        tuples.add(replaced == null ? t
            : new NodeTuple(replaced.getKeyNode(), merged(t.getValueNode(),
                replaced.getValueNode())));
      }
      tuples.addAll(over.values());
      return new MappingNode(b.getTag(), true, tuples, o.getStartMark(), o.getEndMark(),
          b.getFlowStyle());
    }
    if (base instanceof SequenceNode b && overlay instanceof SequenceNode o && named(b)
        && named(o)) {
      Map<String, Node> over = new LinkedHashMap<>();
      o.getValue().forEach(item -> over.put(name(item), item));
      List<Node> items = new ArrayList<>();
      for (Node item : b.getValue()) {
        Node replaced = over.remove(name(item));
        items.add(replaced == null ? item : merged(item, replaced));
      }
      items.addAll(over.values());
      return new SequenceNode(b.getTag(), true, items, o.getStartMark(), o.getEndMark(),
          b.getFlowStyle());
    }
    return overlay;
  }

  private void collect(Node node) {
    if (!fromBase.add(node.getStartMark())) {
      return;
    }
    if (node instanceof MappingNode map) {
      map.getValue().forEach(t -> {
        collect(t.getKeyNode());
        collect(t.getValueNode());
      });
    } else if (node instanceof SequenceNode seq) {
      seq.getValue().forEach(this::collect);
    }
  }

  private static boolean named(SequenceNode list) {
    return !list.getValue().isEmpty()
        && list.getValue().stream().allMatch(item -> name(item) != null);
  }

  private static @Nullable String name(Node item) {
    if (item instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        if ("name".equals(key(t)) && t.getValueNode() instanceof ScalarNode v) {
          return v.getValue();
        }
      }
    }
    return null;
  }

  private static Map<String, NodeTuple> byKey(MappingNode map) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    map.getValue().forEach(t -> out.put(key(t), t));
    return out;
  }

  private static String key(NodeTuple t) {
    return t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
  }
}
