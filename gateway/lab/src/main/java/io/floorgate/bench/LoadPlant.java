package io.floorgate.bench;

import java.util.Locale;

/** Names of the simulator's load variables, as the bench config and the baseline address them. */
final class LoadPlant {

  /** The simulator's alarm probe: a Boolean flipping every 500 ms at the scan. */
  static final String PROBE_NODE = "ns=2;s=RHK01.Load.Probe";

  private LoadPlant() {}

  /** OPC UA node id of load variable {@code index}. */
  static String nodeId(int index) {
    return String.format(Locale.ROOT, "ns=2;s=RHK01.Load.V%05d", index);
  }

  /** Last topic level of load variable {@code index}; {@link CountingSubscriber#indexOf} reads it back. */
  static String tagName(int index) {
    return String.format(Locale.ROOT, "v%05d", index);
  }
}
