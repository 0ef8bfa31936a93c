package io.floorgate.sim;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.jspecify.annotations.Nullable;

/**
 * Load mode: {@code scale} extra variables {@code RHK01.Load.V00000 …} on the kiln's server, every
 * one of them changing on every update. Each carries the number of the update (1, 2, 3, …) plus
 * its own fixed fraction, so no two updates give a variable the same value, and a subscriber can
 * tell exactly which updates of which variable it did not receive — what the benchmark counts as
 * lost.
 *
 * <p>Load mode also serves {@value #PROBE_NAME}, a Boolean that flips every {@value #PROBE_SCANS}
 * scans (500 ms) at the scan, stamped with the flip's time: an alarm rule on it measures how long
 * an alarm takes from the PLC to a subscriber while the load variables keep the gateway busy.
 */
final class LoadModel {

  /** The alarm probe's variable. */
  static final String PROBE_NAME = KilnModel.NAME + ".Load.Probe";

  /** Scans between two flips of the probe. */
  static final int PROBE_SCANS = 5;

  private final int scale;
  private List<SimTag> tags = List.of();
  private @Nullable SimTag probe;
  private long updates;
  private long scans;
  private boolean probeOn;

  LoadModel(int scale) {
    this.scale = scale;
  }

  static String nodeName(int index) {
    return String.format("%s.Load.V%05d", KilnModel.NAME, index);
  }

  /** The part of variable {@code index}'s value after the update number: in [0, 0.5). */
  double fraction(int index) {
    return 0.5 * index / scale;
  }

  long updates() {
    return updates;
  }

  int scale() {
    return scale;
  }

  void declare(PlantNamespace namespace) {
    var declared = new ArrayList<SimTag>(scale);
    for (int i = 0; i < scale; i++) {
      declared.add(namespace.loadVariable(nodeName(i)));
    }
    tags = declared;
    // A scan variable, not a load one: it flips on the 100 ms scan whatever the load rate.
    probe = namespace.variable(PROBE_NAME, TagType.BOOLEAN);
  }

  void update(Stamp stamp) {
    updates++;
    publishLoad(stamp);
  }

  /** Writes every variable's current value, the probe's included (a freshly started server). */
  void publish(Stamp stamp) {
    publishLoad(stamp);
    publishProbe(stamp);
  }

  private void publishLoad(Stamp stamp) {
    List<SimTag> current = tags;
    for (int i = 0; i < current.size(); i++) {
      current.get(i).publish(updates + fraction(i), stamp);
    }
  }

  /**
   * One scan: flips the probe every {@value #PROBE_SCANS}th. The value is written only when it
   * flips, so its source time is the flip's.
   */
  void scan(Stamp stamp) {
    if (++scans % PROBE_SCANS == 0) {
      probeOn = !probeOn;
      publishProbe(stamp);
    }
  }

  private void publishProbe(Stamp stamp) {
    SimTag p = probe;
    if (p != null) {
      p.publish(Variant.ofBoolean(probeOn), stamp);
    }
  }
}
