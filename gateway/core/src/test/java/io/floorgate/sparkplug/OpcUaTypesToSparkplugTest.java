package io.floorgate.sparkplug;

import static io.floorgate.sparkplug.TypedEdgeNode.BLOB;
import static io.floorgate.sparkplug.TypedEdgeNode.GUID;
import static io.floorgate.sparkplug.TypedEdgeNode.TIME;
import static io.floorgate.sparkplug.TypedEdgeNode.UINT64_LATER;
import static io.floorgate.sparkplug.TypedEdgeNode.UINT64_MAX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.sparkplug.SparkplugHost.Received;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A Milo server's UInt64 above the Int64 range, DateTime, ByteString, Guid, null String and
 * Int32/Double/String/Boolean arrays, read by the OPC UA driver and published by the edge node to
 * the test broker: the host (Tahu's decoder) sees each metric with the Sparkplug type of the
 * variable's DataType, in DBIRTH and in DDATA.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpcUaTypesToSparkplugTest {

  TypedEdgeNode node;

  @BeforeAll
  void start() throws Exception {
    node = TypedEdgeNode.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void theBirthAnnouncesEachVariablesDataTypeWithItsValue() {
    Received birth = node.birth;

    assertMetric(birth, "typed/uint64", MetricDataType.UInt64, UINT64_MAX);
    assertMetric(birth, "typed/time", MetricDataType.DateTime, Date.from(TIME));
    assertEquals(MetricDataType.Bytes, metric(birth, "typed/blob").getDataType());
    assertArrayEquals(BLOB, (byte[]) metric(birth, "typed/blob").getValue());
    assertMetric(birth, "typed/guid", MetricDataType.UUID, GUID);
    assertArrayEquals(new Integer[] {1, -2, 3}, array(birth, "typed/counts",
        MetricDataType.Int32Array));
    assertArrayEquals(new Double[] {1.5, -2.25}, array(birth, "typed/levels",
        MetricDataType.DoubleArray));
    assertArrayEquals(new String[] {"a", "b/c", "ü"}, array(birth, "typed/names",
        MetricDataType.StringArray));
    assertArrayEquals(new Boolean[] {true, false, true}, array(birth, "typed/flags",
        MetricDataType.BooleanArray));
    assertTrue(node.host.decodeFailures().isEmpty(), () -> node.host.decodeFailures().toString());
  }

  @Test
  void aNullStringIsBornAsAStringAndItsLaterValueComesAsDataOfThatType() {
    Metric label = metric(node.birth, "typed/label");
    assertEquals(MetricDataType.String, label.getDataType());
    assertNull(label.getValue());

    Map<String, Metric> data = latestData(node.change());

    assertEquals("filled", data.get("typed/label").getValue());
    assertEquals(UINT64_LATER, data.get("typed/uint64").getValue());
    assertArrayEquals(new Integer[] {7, 8}, (Object[]) data.get("typed/counts").getValue());
    // Nothing made the device be born again: its types were right from the first birth.
    assertEquals(1, node.host.of("DBIRTH").size());
    assertTrue(node.host.decodeFailures().isEmpty(), () -> node.host.decodeFailures().toString());
  }

  private Map<String, Metric> latestData(List<Received> ddata) {
    Map<Long, String> names = node.names();
    Map<String, Metric> latest = new java.util.HashMap<>();
    for (Received r : ddata) {
      for (Metric m : r.payload().getMetrics()) {
        latest.put(m.getName() != null ? m.getName() : names.get(m.getAlias()), m);
      }
    }
    return latest;
  }

  private static void assertMetric(Received birth, String name, MetricDataType type,
      Object value) {
    Metric m = metric(birth, name);
    assertEquals(type, m.getDataType(), name);
    assertEquals(value, m.getValue(), name);
  }

  private static Object[] array(Received birth, String name, MetricDataType type) {
    Metric m = metric(birth, name);
    assertEquals(type, m.getDataType(), name);
    return (Object[]) Objects.requireNonNull(m.getValue(), name);
  }

  private static Metric metric(Received birth, String name) {
    return birth.metric(name).orElseThrow(() -> new AssertionError(name + " not in the DBIRTH"));
  }
}
