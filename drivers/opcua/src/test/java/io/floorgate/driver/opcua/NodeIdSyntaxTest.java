package io.floorgate.driver.opcua;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdSyntaxTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "ns=2;s=RHK01.Zone03.TempPV",
      "ns=2;s=RHK01 Zone 03; with spaces and = signs",
      "ns=3;s=\"DB_Analog\".\"CT_SupplyTemp_raw\"",
      "i=2258",
      "ns=0;i=4294967295",
      "ns=65535;i=1",
      "ns=1;g=09087e75-8e5e-499b-954f-f2a9603db28a",
      "ns=1;b=M/RbKBsRVkePCePcx24oRA==",
      "nsu=urn:floorgate:sim:isohara;s=RHK01.Heartbeat",
      "nsu=http://example.com/UA/;i=1001"})
  void validNodeIdsPass(String nodeId) {
    assertNull(NodeIdSyntax.problem(nodeId));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      RHK01.Zone03.TempPV             | is not an OPC UA node id; write ns=<index>;s=<name>
      ns=2;RHK01.Zone03.TempPV        | is not an OPC UA node id
      ns=2;s=                         | is not an OPC UA node id
      ns=x;s=Tag                      | is not an OPC UA node id
      ns=2,s=Tag                      | is not an OPC UA node id
      ns=70000;s=Tag                  | namespace index 70000 is above 65535
      ns=2;i=Zone3                    | a numeric id (i=) is a whole number 0..4294967295; for a name use s=Zone3
      ns=2;i=4294967296               | a numeric id (i=) is a whole number
      ns=2;g=not-a-guid               | a GUID id (g=) looks like
      ns=2;b=not base64!              | an opaque id (b=) is base64
      nsu=;s=Tag                      | is not an OPC UA node id
      """)
  void malformedNodeIdsAreExplained(String nodeId, String message) {
    String problem = NodeIdSyntax.problem(nodeId);
    assertNotNull(problem, nodeId);
    assertTrue(problem.contains(message), problem);
  }
}
