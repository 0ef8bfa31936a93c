package io.floorgate.driver.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NamespaceBindingTest {

  static final String OPC = "http://opcfoundation.org/UA/";
  static final String SERVER = "urn:server";
  static final String A = "urn:line-a";
  static final String B = "urn:line-b";
  static final String[] AB = {OPC, SERVER, A, B};
  static final String[] BA = {OPC, SERVER, B, A};

  LogCapture logs;

  @BeforeEach
  void capture() {
    logs = new LogCapture(NamespaceBinding.class);
  }

  @AfterEach
  void release() {
    logs.close();
  }

  static NamespaceBinding binding(String... nodeIds) {
    return new NamespaceBinding("plc", List.of(nodeIds));
  }

  @Test
  void namespaceUriGetsTheIndexTheServerGivesItOnEachSession() {
    var binding = binding("nsu=urn:line-a;s=Speed", "nsu=urn:line-b;i=1001");

    var first = binding.bind(AB);
    assertEquals(new NodeId(2, "Speed"), first.node("nsu=urn:line-a;s=Speed"));
    assertEquals(new NodeId(3, uint(1001)), first.node("nsu=urn:line-b;i=1001"));

    var reordered = binding.bind(BA);
    assertEquals(new NodeId(3, "Speed"), reordered.node("nsu=urn:line-a;s=Speed"));
    assertEquals(new NodeId(2, uint(1001)), reordered.node("nsu=urn:line-b;i=1001"));
    assertTrue(reordered.refused().isEmpty());
    assertTrue(logs.messages(Level.ERROR).isEmpty());
    assertTrue(logs.messages(Level.INFO).stream()
        .anyMatch(m -> m.contains("'urn:line-a' moved from index 2 to 3")), logs.messages(Level.INFO).toString());
  }

  @Test
  void everySessionHandsOutTheSameNodeIdOfATagWhileItsIndexStays() {
    // One NodeId per tag, whatever the number of sessions: 100,000 tags held three before.
    var binding = binding("ns=2;s=Speed", "nsu=urn:line-a;s=Load");
    NodeId asWritten = binding.current().node("ns=2;s=Speed");

    var first = binding.bind(AB);
    var second = binding.bind(AB);

    assertEquals(new NodeId(2, "Speed"), asWritten);
    assertSame(asWritten, first.node("ns=2;s=Speed"));
    assertSame(asWritten, second.node("ns=2;s=Speed"));
    assertEquals(new NodeId(2, "Load"), first.node("nsu=urn:line-a;s=Load"));
    assertSame(first.node("nsu=urn:line-a;s=Load"), second.node("nsu=urn:line-a;s=Load"));
    assertEquals(new NodeId(3, "Load"), binding.bind(BA).node("nsu=urn:line-a;s=Load"));
  }

  @Test
  void guidAndOpaqueIdentifiersKeepTheirTypeWhenBound() {
    String guid = "nsu=urn:line-b;g=09087e75-8e5e-499b-954f-f2a9603db28a";
    String opaque = "nsu=urn:line-b;b=M/RbKBsRVkePCePcx24oRA==";
    var bound = binding(guid, opaque).bind(AB);

    assertEquals(new NodeId(3, UUID.fromString("09087e75-8e5e-499b-954f-f2a9603db28a")),
        bound.node(guid));
    assertEquals(new NodeId(3, ByteString.of(java.util.Base64.getDecoder()
        .decode("M/RbKBsRVkePCePcx24oRA=="))), bound.node(opaque));
  }

  @Test
  void uriTheServerDoesNotHaveMakesItsTagsBadWithOneErrorNamingItAndTheTagCount() {
    String missing = "nsu=urn:line-c;s=Speed";
    var binding = new NamespaceBinding("plc", List.of(missing, missing, "nsu=urn:line-c;s=Load",
        "nsu=urn:line-a;s=Speed"));

    var bound = binding.bind(AB);
    assertTrue(bound.refuses(missing));
    assertTrue(bound.refuses("nsu=urn:line-c;s=Load"));
    assertNull(bound.node(missing));
    assertEquals(new NodeId(2, "Speed"), bound.node("nsu=urn:line-a;s=Speed"));
    binding.bind(AB); // the next session: the same problem is not logged again

    List<String> errors = logs.messages(Level.ERROR);
    assertEquals(1, errors.size(), errors.toString());
    String error = errors.get(0);
    assertTrue(error.contains("no namespace 'urn:line-c'"), error);
    assertTrue(error.contains("the 3 tag(s) with nsu=urn:line-c"), error);
    assertTrue(error.contains("Bad_NodeIdUnknown"), error);
    assertTrue(error.contains("correct the URI"), error);

    var later = binding.bind(new String[] {OPC, SERVER, A, B, "urn:line-c"});
    assertEquals(new NodeId(4, "Speed"), later.node(missing));
    assertTrue(logs.messages(Level.INFO).stream()
        .anyMatch(m -> m.contains("has namespace 'urn:line-c' again")));
  }

  @Test
  void indexThatNamesAnotherUriThanAtTheFirstConnectMakesItsTagsBadNeverReadFromThere() {
    var binding = binding("ns=2;s=Speed", "ns=2;i=1001", "ns=3;s=Speed");

    var first = binding.bind(AB);
    assertEquals(new NodeId(2, "Speed"), first.node("ns=2;s=Speed"));

    var reordered = binding.bind(BA);
    assertTrue(reordered.refuses("ns=2;s=Speed"));
    assertTrue(reordered.refuses("ns=2;i=1001"));
    assertTrue(reordered.refuses("ns=3;s=Speed"));
    assertTrue(reordered.nodes().isEmpty(), reordered.toString());
    List<String> errors = logs.messages(Level.ERROR);
    assertEquals(2, errors.size(), errors.toString());
    String index2 = errors.get(0);
    assertTrue(index2.contains("namespace index 2 was 'urn:line-a' at this gateway's first "
        + "connect and is now 'urn:line-b'"), index2);
    assertTrue(index2.contains("another order; it is now index 3"), index2);
    assertTrue(index2.contains("the 2 tag(s) with ns=2"), index2);
    assertTrue(index2.contains("write their node ids as nsu=urn:line-a;"), index2);

    var back = binding.bind(AB);
    assertEquals(new NodeId(2, "Speed"), back.node("ns=2;s=Speed"));
    assertTrue(back.refused().isEmpty());
    assertEquals(2, logs.messages(Level.ERROR).size());
  }

  @Test
  void indexThatDisappearedIsBadAndOneThatNeverExistedIsLeftToTheServer() {
    var binding = binding("ns=3;s=Speed", "ns=7;s=Speed");
    var first = binding.bind(AB);
    assertEquals(new NodeId(7, "Speed"), first.node("ns=7;s=Speed"));

    var shorter = binding.bind(new String[] {OPC, SERVER, A});
    assertTrue(shorter.refuses("ns=3;s=Speed"));
    assertFalse(shorter.refuses("ns=7;s=Speed"));
    String error = logs.messages(Level.ERROR).get(0);
    assertTrue(error.contains("namespace index 3 was 'urn:line-b' at this gateway's first "
        + "connect and is now absent (the server no longer has that namespace)"), error);
  }

  @Test
  void stringIdentifiersAreKeptWholeWhateverTheyContain() {
    String spaced = "nsu=urn:line-a;s=RHK01 Zone 03; with spaces and = signs";
    String quoted = "ns=3;s=\"DB_Analog\".\"CT_SupplyTemp_raw\"";
    var bound = binding(spaced, quoted).bind(AB);

    assertEquals(new NodeId(2, "RHK01 Zone 03; with spaces and = signs"), bound.node(spaced));
    assertEquals(new NodeId(3, "\"DB_Analog\".\"CT_SupplyTemp_raw\""), bound.node(quoted));
  }

  @Test
  void standardNamespaceAndInvalidIdsAreNotTheBindingsConcern() {
    var bound = binding("i=2258", "ns=0;i=2256", "RHK01.TempPV").bind(BA);

    assertEquals(new NodeId(0, uint(2258)), bound.node("i=2258"));
    assertEquals(new NodeId(0, uint(2256)), bound.node("ns=0;i=2256"));
    assertFalse(bound.nodes().containsKey("RHK01.TempPV"));
    assertFalse(bound.refuses("RHK01.TempPV"));
  }

  @Test
  void beforeTheFirstSessionAUriIdHasNoNodeToSend() {
    var binding = binding("nsu=urn:line-a;s=Speed", "ns=2;s=Speed");

    assertNull(binding.current().node("nsu=urn:line-a;s=Speed"));
    assertTrue(binding.current().nodes().containsKey("nsu=urn:line-a;s=Speed"));
    assertEquals(new NodeId(2, "Speed"), binding.current().node("ns=2;s=Speed"));
    binding.bind(BA);
    assertEquals(new NodeId(3, "Speed"), binding.current().node("nsu=urn:line-a;s=Speed"));
  }
}
