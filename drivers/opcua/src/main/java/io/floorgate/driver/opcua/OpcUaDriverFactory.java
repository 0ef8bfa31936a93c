package io.floorgate.driver.opcua;

import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.Driver;
import io.floorgate.driver.DriverFactory;
import java.util.List;

/** The OPC UA driver as a plug-in: {@code driver: opcua}, endpoints {@code opc.tcp://…}. */
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
  public Driver create(ConnectionSpec spec) {
    return new OpcUaDriver(spec);
  }
}
