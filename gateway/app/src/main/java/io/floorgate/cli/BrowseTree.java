package io.floorgate.cli;

import io.floorgate.driver.opcua.BrowsedNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The nodes {@code browse} found, printed as a tree, depth first: each variable under the folder
 * it was found in. The walk itself goes breadth first (many nodes per Browse request), so nodes
 * arrive level by level and are gathered here before printing.
 */
final class BrowseTree {

  static final String OBJECTS = "i=85";

  private final Map<String, List<BrowsedNode>> children = new LinkedHashMap<>();
  private final Map<String, BrowsedNode> byId = new LinkedHashMap<>();

  void add(BrowsedNode node) {
    byId.put(node.nodeId(), node);
    children.computeIfAbsent(node.parentId(), k -> new ArrayList<>()).add(node);
  }

  /** Every line, depth first from Objects, indented by depth. */
  void print(Consumer<String> out) {
    walk((node, depth) -> out.accept("  ".repeat(depth) + describe(node)));
  }

  /** The nodes depth first: each folder followed by what was found in it. */
  List<BrowsedNode> depthFirst() {
    List<BrowsedNode> nodes = new ArrayList<>(byId.size());
    walk((node, depth) -> nodes.add(node));
    return nodes;
  }

  /** From Objects down; a node whose parent was not reported comes last, from its level. */
  private void walk(BiConsumer<BrowsedNode, Integer> visit) {
    walk(OBJECTS, 0, visit);
    for (Map.Entry<String, List<BrowsedNode>> e : children.entrySet()) {
      if (!e.getKey().equals(OBJECTS) && !byId.containsKey(e.getKey())) {
        walk(e.getKey(), 0, visit);
      }
    }
  }

  private void walk(String parent, int depth, BiConsumer<BrowsedNode, Integer> visit) {
    for (BrowsedNode node : children.getOrDefault(parent, List.of())) {
      visit.accept(node, depth);
      if (!node.nodeId().equals(parent)) {
        walk(node.nodeId(), depth + 1, visit);
      }
    }
  }

  static String describe(BrowsedNode node) {
    String leaf = node.path().get(node.path().size() - 1);
    if (!node.variable()) {
      return leaf + "/  " + node.nodeId();
    }
    return leaf + "  " + node.nodeId() + "  " + node.dataType() + (node.array() ? "[]" : "")
        + (node.unit() == null ? "" : "  " + node.unit())
        + (node.rangeLow() == null ? "" : "  [" + node.rangeLow() + ", " + node.rangeHigh() + "]")
        + (node.states().isEmpty() ? "" : "  " + node.states());
  }
}
