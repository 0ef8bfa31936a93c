package io.floorgate.driver;

import java.util.List;
import org.jspecify.annotations.Nullable;

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

  /**
   * The keys of a connection section this driver reads itself (e.g. {@code modbus}), beside the
   * gateway's common ones (name, endpoint, area, retry, badAfterLinkLoss, timestamps, groups).
   */
  default List<String> connectionKeys() {
    return List.of();
  }

  /**
   * The keys of a tag this driver reads itself to address it (e.g. {@code address},
   * {@code type}), beside the gateway's common ones (path, unit, scale, range, deadband, …).
   * Empty: the tag is addressed by {@code node}, an OPC UA node id.
   */
  default List<String> tagKeys() {
    return List.of();
  }

  /**
   * Reads and checks this driver's own connection keys (errors reported on the section).
   *
   * @return the driver's settings, handed back in {@link ConnectionSpec#settings()}; null when
   *     something is wrong
   */
  default @Nullable Object readConnection(ConfigSection connection) {
    return ConnectionSpec.NO_SETTINGS;
  }

  /**
   * Reads and checks one tag's address keys (errors reported on the section).
   *
   * @param writable whether the tag is configured writable (some addresses cannot be written)
   * @return the tag's address in the driver's canonical text form, handed back in
   *     {@link TagSpec#nodeId()} and shown in the tag's metadata; null when something is wrong
   */
  default @Nullable String readTag(ConfigSection tag, boolean writable) {
    return tag.required("node", "ns=2;s=RHK01.Zone01.TempPV");
  }

  /** A driver for one connection; it connects only when started. */
  Driver create(ConnectionSpec spec);
}
