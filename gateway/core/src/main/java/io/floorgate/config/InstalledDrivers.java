package io.floorgate.config;

import io.floorgate.driver.DriverFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * The driver plug-ins on the class path ({@link DriverFactory}, found with
 * {@link ServiceLoader}), for checking a connection's {@code driver:} and endpoint: the config
 * names a protocol, and a jar must bring it.
 */
final class InstalledDrivers {

  private static final List<DriverFactory> FACTORIES = load();

  private InstalledDrivers() {}

  private static List<DriverFactory> load() {
    List<DriverFactory> found = new ArrayList<>();
    ServiceLoader.load(DriverFactory.class).forEach(found::add);
    // By name, so messages read the same whatever the class path's order.
    found.sort(java.util.Comparator.comparing(DriverFactory::name));
    return List.copyOf(found);
  }

  static @Nullable DriverFactory named(String name) {
    return FACTORIES.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst()
        .orElse(null);
  }

  static @Nullable DriverFactory forScheme(String scheme) {
    return FACTORIES.stream().filter(f -> f.schemes().stream()
        .anyMatch(s -> s.equalsIgnoreCase(scheme))).findFirst().orElse(null);
  }

  /** "opcua (opc.tcp://), modbus (modbus+tcp://)" — for error messages. */
  static String describe() {
    if (FACTORIES.isEmpty()) {
      return "none (the jar carries no driver: use floorgate.jar)";
    }
    List<String> each = new ArrayList<>();
    for (DriverFactory f : FACTORIES) {
      each.add(f.name() + " (" + String.join(", ", f.schemes().stream()
          .map(s -> s.toLowerCase(Locale.ROOT) + "://").toList()) + ")");
    }
    return String.join(", ", each);
  }
}
