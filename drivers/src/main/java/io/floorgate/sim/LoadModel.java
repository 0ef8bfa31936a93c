package io.floorgate.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Load mode: {@code scale} extra variables {@code RHK01.Load.V00000 …} on the kiln's server, every
 * one of them changing on every update. Each is a slow sine with its own phase, so that no two
 * updates give a variable the same value and the cost per update stays one sin() per variable.
 */
final class LoadModel {

  private static final double STEP_RAD = 0.05;

  private final int scale;
  private List<SimTag> tags = List.of();
  private long updates;

  LoadModel(int scale) {
    this.scale = scale;
  }

  static String nodeName(int index) {
    return String.format("%s.Load.V%05d", KilnModel.NAME, index);
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
    double base = updates * STEP_RAD;
    for (int i = 0; i < current.size(); i++) {
      double phase = 2.0 * Math.PI * i / scale;
      current.get(i).publish(100.0 * Math.sin(base + phase), stamp);
    }
  }
}
