package io.floorgate.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What keeps a plant's tag list from repeating itself, applied to a group's YAML before its tags
 * are read, so every error still points at a line of the file:
 * <ul>
 *   <li>{@code tagDefaults:} on the group — keys every tag of the group takes unless it sets its
 *       own (unit, range, description, deadband, scale, …);
 *   <li>{@code for:} on a tag — the tag stands for one tag per item: a list of maps
 *       ({@code for: [{zone: "01", stage: preheat}, {zone: "02", stage: preheat}]}) or one
 *       variable and its values ({@code for: {zone: ["01", "02", "03"]}}); {@code {zone}} in any
 *       value of the tag (and of the defaults) is replaced by the item's value.
 * </ul>
 */
final class TagTemplates {

  static final String DEFAULTS = "tagDefaults";
  static final String FOR = "for";
  private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  private final Problems problems;

  TagTemplates(Problems problems) {
    this.problems = problems;
  }

  /** The group's tag items with the defaults merged in and every {@code for:} expanded. */
  List<Node> expand(List<Node> items, YamlMap group) {
    Node defaults = group.value(DEFAULTS);
    if (defaults != null && !(defaults instanceof MappingNode)) {
      group.error(DEFAULTS, "expected keys every tag of the group takes, e.g. "
          + "tagDefaults: { unit: °C, range: { low: 0, high: 1100 } }");
      defaults = null;
    }
    List<Node> tags = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (!(item instanceof MappingNode tag)) {
        tags.add(item);
        continue;
      }
      NodeTuple loop = tuple(tag, FOR);
      List<Map<String, String>> bindings = loop == null ? List.of(Map.of())
          : bindings(loop.getValueNode(), group.child("tags") + "[" + i + "]." + FOR);
      for (Map<String, String> binding : bindings) {
        tags.add(instance(tag, defaults instanceof MappingNode d ? d : null, binding));
      }
    }
    return tags;
  }

  /** One tag: its own keys (without {@code for}), then the defaults it does not set. */
  private static MappingNode instance(MappingNode tag, @Nullable MappingNode defaults,
      Map<String, String> binding) {
    List<NodeTuple> tuples = new ArrayList<>();
    Set<String> own = new java.util.HashSet<>();
    for (NodeTuple t : tag.getValue()) {
      String key = key(t);
      if (!FOR.equals(key)) {
        tuples.add(new NodeTuple(t.getKeyNode(), substitute(t.getValueNode(), binding)));
        own.add(key);
      }
    }
    if (defaults != null) {
      for (NodeTuple t : defaults.getValue()) {
        if (!own.contains(key(t))) {
          tuples.add(new NodeTuple(t.getKeyNode(), substitute(t.getValueNode(), binding)));
        }
      }
    }
    return new MappingNode(tag.getTag(), true, tuples, tag.getStartMark(), tag.getEndMark(),
        tag.getFlowStyle());
  }

  private List<Map<String, String>> bindings(Node loop, String path) {
    int before = problems.count();
    List<Map<String, String>> out = new ArrayList<>();
    if (loop instanceof SequenceNode list) {
      for (Node item : list.getValue()) {
        if (!(item instanceof MappingNode map)) {
          problems.add(item, path, "each item is a map of names to values, e.g. "
              + "{ zone: \"01\", stage: preheat }");
          return List.of();
        }
        Map<String, String> binding = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
          if (t.getValueNode() instanceof ScalarNode value) {
            binding.put(key(t), value.getValue());
          } else {
            problems.add(t.getValueNode(), path + "." + key(t), "a value to put in place of {"
                + key(t) + "}: a number or a word, not a list or a map");
          }
        }
        out.add(binding);
      }
    } else if (loop instanceof MappingNode map && map.getValue().size() == 1
        && map.getValue().get(0).getValueNode() instanceof SequenceNode values) {
      String name = key(map.getValue().get(0));
      for (Node value : values.getValue()) {
        if (value instanceof ScalarNode scalar) {
          out.add(Map.of(name, scalar.getValue()));
        } else {
          problems.add(value, path + "." + name, "a value to put in place of {" + name
              + "}: a number or a word");
        }
      }
    } else {
      problems.add(loop, path, "write for: { zone: [\"01\", \"02\"] } or a list of maps, "
          + "for: [{ zone: \"01\", stage: preheat }, …]");
    }
    if (out.isEmpty() && problems.count() == before) {
      problems.add(loop, path, "is empty: the tag would stand for no tag at all");
    }
    return out;
  }

  /** A copy of the node with {@code {name}} replaced in every scalar, keeping its line. */
  private static Node substitute(Node node, Map<String, String> binding) {
    if (binding.isEmpty()) {
      return node;
    }
    if (node instanceof ScalarNode scalar) {
      Matcher m = VARIABLE.matcher(scalar.getValue());
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = binding.get(m.group(1));
        m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
      }
      m.appendTail(out);
      return new ScalarNode(scalar.getTag(), out.toString(), scalar.getStartMark(),
          scalar.getEndMark(), scalar.getScalarStyle());
    }
    if (node instanceof MappingNode map) {
      List<NodeTuple> tuples = new ArrayList<>();
      for (NodeTuple t : map.getValue()) {
        tuples.add(new NodeTuple(t.getKeyNode(), substitute(t.getValueNode(), binding)));
      }
      return new MappingNode(map.getTag(), true, tuples, map.getStartMark(), map.getEndMark(),
          map.getFlowStyle());
    }
    if (node instanceof SequenceNode seq) {
      List<Node> items = new ArrayList<>();
      for (Node n : seq.getValue()) {
        items.add(substitute(n, binding));
      }
      return new SequenceNode(seq.getTag(), true, items, seq.getStartMark(), seq.getEndMark(),
          seq.getFlowStyle());
    }
    return node;
  }

  private static @Nullable NodeTuple tuple(MappingNode map, String key) {
    for (NodeTuple t : map.getValue()) {
      if (key.equals(key(t))) {
        return t;
      }
    }
    return null;
  }

  private static String key(NodeTuple t) {
    return t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
  }
}
