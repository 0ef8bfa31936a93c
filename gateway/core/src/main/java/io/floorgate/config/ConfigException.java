package io.floorgate.config;

import java.util.List;

/**
 * A config file that cannot be used, with every error found in it (not only the first), sorted
 * by line. {@link #report()} is what {@code floorgate check} and {@code floorgate run} print.
 */
public final class ConfigException extends Exception {

  private final String source;
  private final List<ConfigError> errors;
  private final String report;

  ConfigException(String source, List<ConfigError> errors) {
    this(source, List.copyOf(errors), report(source, errors));
  }

  private ConfigException(String source, List<ConfigError> errors, String report) {
    super(report);
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one error");
    }
    this.source = source;
    this.errors = errors;
    this.report = report;
  }

  /** The file name as given to the loader. */
  public String source() {
    return source;
  }

  /** The errors, in file order. */
  public List<ConfigError> errors() {
    return errors;
  }

  /**
   * A header with the count, then one error per line:
   *
   * <pre>
   * config/broken.yaml: 2 errors
   * config/broken.yaml:3: mqtt.qos: 2 is not a QoS the gateway publishes with; use 0 or 1
   * config/broken.yaml:14: connections.rhk01.groups.zones.publishingInterval: 5ms is below ...
   * </pre>
   */
  public String report() {
    return report;
  }

  private static String report(String source, List<ConfigError> errors) {
    StringBuilder sb = new StringBuilder(source).append(": ").append(errors.size())
        .append(errors.size() == 1 ? " error" : " errors");
    for (ConfigError e : errors) {
      sb.append('\n').append(e.format());
    }
    return sb.toString();
  }
}
