package io.floorgate.driver;

import java.util.List;

/**
 * A protocol's driver as a plug-in: found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.floorgate.driver.DriverFactory} file in the driver's jar), chosen
 * for a connection by its {@code driver:} name or its endpoint's URL scheme. The gateway knows no
 * protocol: a new one is a new module with a factory and a services file.
 */
public interface DriverFactory {

  /** The driver's name, as a connection's {@code driver:} key names it, e.g. {@code opcua}. */
  String name();

  /** The endpoint URL schemes this driver serves, e.g. {@code opc.tcp}. */
  List<String> schemes();

  /** A driver for one connection; it connects only when started. */
  Driver create(ConnectionSpec spec);
}
