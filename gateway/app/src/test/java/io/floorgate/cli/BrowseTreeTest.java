package io.floorgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.driver.opcua.BrowsedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowseTreeTest {

  static BrowsedNode folder(String parent, String id, String... path) {
    return new BrowsedNode(List.of(path), id, parent, false, null, false, null, null, null, null,
        null, Map.of());
  }

  static BrowsedNode variable(String parent, String id, String... path) {
    return new BrowsedNode(List.of(path), id, parent, true, "Double", false, null, null, null,
        null, null, Map.of());
  }

  /** The walk goes level by level: both folders first, then what is in each. */
  static List<BrowsedNode> breadthFirst() {
    return List.of(
        folder("i=85", "s=A", "A"),
        folder("i=85", "s=B", "B"),
        variable("s=A", "s=A.x", "A", "x"),
        folder("s=A", "s=A.C", "A", "C"),
        variable("s=B", "s=B.y", "B", "y"),
        variable("s=A.C", "s=A.C.z", "A", "C", "z"));
  }

  @Test
  void variablesArePrintedUnderTheFolderTheyWereFoundIn() {
    BrowseTree tree = new BrowseTree();
    breadthFirst().forEach(tree::add);
    List<String> lines = new ArrayList<>();

    tree.print(lines::add);

    assertEquals(List.of(
        "A/  s=A",
        "  x  s=A.x  Double",
        "  C/  s=A.C",
        "    z  s=A.C.z  Double",
        "B/  s=B",
        "  y  s=B.y  Double"), lines);
  }

  @Test
  void aNodeWhoseParentWasNotReportedIsStillListed() {
    BrowseTree tree = new BrowseTree();
    tree.add(variable("s=Gone", "s=Gone.v", "Gone", "v"));
    tree.add(folder("i=85", "s=A", "A"));

    assertEquals(List.of("s=A", "s=Gone.v"),
        tree.depthFirst().stream().map(BrowsedNode::nodeId).toList());
  }
}
