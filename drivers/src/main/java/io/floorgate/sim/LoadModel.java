package io.floorgate.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Load mode: {@code scale} extra variables {@code RHK01.Load.V00000 …} on the kiln's server, every
 * one of them changing on every update. Each carries the number of the update (1, 2, 3, …) plus
 * its own fixed fraction, so no two updates give a variable the same value, and a subscriber can
 * tell exactly which updates of which variable it did not receive — what the benchmark counts as
 * lost.
 */
final class LoadModel {

  private final int scale;
  private List<SimTag> tags = List.of();
  private long updates;

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

  int scale() {
    return scale;
  }

  void declare(PlantNamespace namespace) {
    var declared = new ArrayList<SimTag>(scale);
    for (int i = 0; i < scale; i++) {
      declared.add(namespace.loadVariable(nodeName(i)));
    }
    tags = declared;
  }

  void update(Stamp stamp) {
    updates++;
    publish(stamp);
  }

  void publish(Stamp stamp) {
    List<SimTag> current = tags;
    for (int i = 0; i < current.size(); i++) {
      current.get(i).publish(updates + fraction(i), stamp);
    }
  }
}
