package io.floorgate.driver.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;

class NsuIdsTest {

  private final NamespaceTable table = new NamespaceTable();

  NsuIdsTest() {
    table.add("urn:floorgate:vendor:process");
    table.add("urn:odd;uri");
  }

  @Test
  void aNodeOfAServerNamespaceIsNamedByItsUri() {
    assertEquals("nsu=urn:floorgate:vendor:process;s=Kiln.Speed",
        NsuIds.of(new NodeId(1, "Kiln.Speed"), table));
    assertEquals("nsu=urn:floorgate:vendor:process;i=1001", NsuIds.of(new NodeId(1, 1001), table));
    UUID guid = UUID.fromString("0b7e6f1c-2d3a-4b5c-8d9e-0f1a2b3c4d5e");
    assertEquals("nsu=urn:floorgate:vendor:process;g=" + guid.toString().toUpperCase(java.util.Locale.ROOT),
        NsuIds.of(new NodeId(1, guid), table));
    assertEquals("nsu=urn:floorgate:vendor:process;b=AQL/",
        NsuIds.of(new NodeId(1, ByteString.of(new byte[] {1, 2, (byte) 255})), table));
  }

  @Test
  void theIdReadsBackToTheSameNodeWhateverTheIndex() {
    String written = NsuIds.of(new NodeId(1, "Zähler"), table);
    NamespaceTable reordered = new NamespaceTable();
    reordered.add("urn:other");
    reordered.add("urn:floorgate:vendor:process");

    assertEquals(new NodeId(2, "Zähler"),
        ExpandedNodeId.parse(written).toNodeId(reordered).orElseThrow());
  }

  @Test
  void opcUaOwnNamespaceAndAnUnwritableUriKeepTheIndex() {
    assertEquals("i=85", NsuIds.of(new NodeId(0, 85), table));
    assertEquals("ns=2;s=x", NsuIds.of(new NodeId(2, "x"), table));
  }
}
