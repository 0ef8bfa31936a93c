package io.floorgate;

import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/** Reads the simulated kiln PLC's own condition state with a plain OPC UA client. */
final class PlcConditions {

  /** The AckedState/Id of {@code RHK01.Alarms.OverTemperature}, as Milo names its instance nodes. */
  static final String ACKED_ID = "ns=2;s=RHK01.Alarms.OverTemperature/0:AckedState/0:Id";

  private PlcConditions() {}

  static boolean acked(String endpointUrl) throws Exception {
    OpcUaClient client = OpcUaClient.create(endpointUrl);
    client.connect();
    try {
      List<DataValue> values = client.readValues(0.0,
          org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn.Neither,
          List.of(NodeId.parse(ACKED_ID)));
      Object value = values.get(0).value().value();
      if (!(value instanceof Boolean acked)) {
        throw new AssertionError("no AckedState/Id at " + ACKED_ID + ": " + values.get(0));
      }
      return acked;
    } finally {
      client.disconnect();
    }
  }
}
