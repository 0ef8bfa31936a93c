package io.floorgate.config;

import io.floorgate.driver.DriverFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * The driver plug-ins on the class path ({@link DriverFactory}, found with
 * {@link ServiceLoader} once): the configuration checks a connection's {@code driver:} and
 * endpoint against them, and the gateway creates its drivers with them.
 */
public final class InstalledDrivers {

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

  /** The plug-in that serves endpoints of this URL scheme, e.g. {@code opc.tcp}; null for none. */
  public static @Nullable DriverFactory forScheme(String scheme) {
    return FACTORIES.stream().filter(f -> f.schemes().stream()
        .anyMatch(s -> s.equalsIgnoreCase(scheme))).findFirst().orElse(null);
  }

  /** Every installed driver's connection keys: let through while a connection's driver is unknown. */
  static List<String> connectionKeys() {
    return FACTORIES.stream().flatMap(f -> f.connectionKeys().stream()).distinct().toList();
  }

  /** Every installed driver's tag keys, likewise. */
  static List<String> tagKeys() {
    return FACTORIES.stream().flatMap(f -> f.tagKeys().stream()).distinct().toList();
  }

  /** "opcua (opc.tcp://), modbus (modbus+tcp://)" — for error messages. */
  public static String describe() {
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
