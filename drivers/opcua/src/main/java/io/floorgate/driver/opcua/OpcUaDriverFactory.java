package io.floorgate.driver.opcua;

import io.floorgate.driver.ConfigSection;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.Driver;
import io.floorgate.driver.DriverFactory;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The OPC UA driver as a plug-in: {@code driver: opcua}, endpoints {@code opc.tcp://…}. A tag is
 * addressed by {@code node}, checked here; the connection's {@code security} and
 * {@code operationLimits} are declared here and still read by the gateway's configuration reader
 * into the connection spec.
 */
public final class OpcUaDriverFactory implements DriverFactory {

  @Override
  public String name() {
    return "opcua";
  }

  @Override
  public List<String> schemes() {
    return List.of("opc.tcp");
  }

  @Override
  public List<String> connectionKeys() {
    return List.of("security", "operationLimits");
  }

  @Override
  public List<String> tagKeys() {
    return List.of("node");
  }

  @Override
  public @Nullable String readTag(ConfigSection tag, boolean writable) {
    String node = tag.required("node", "ns=2;s=RHK01.Zone01.TempPV");
    if (node == null) {
      return null;
    }
    String problem = NodeIdSyntax.problem(node.strip());
    if (problem != null) {
      tag.error("node", problem);
      return null;
    }
    return node.strip();
  }

  @Override
  public Driver create(ConnectionSpec spec) {
    return new OpcUaDriver(spec);
  }
}
