package io.floorgate.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and commit this gateway was built from, as the build wrote them into
 * {@code io/floorgate/ops/build.properties}; "development" and "unknown" when run from classes
 * the build did not filter. Shown by {@code floorgate -V}, on the status page and in
 * {@code floorgate_build_info} on {@code /metrics}.
 */
public record BuildInfo(String version, String commit) {

  private static final BuildInfo CURRENT = load();

  /** The build of the running gateway. */
  public static BuildInfo current() {
    return CURRENT;
  }

  /** "floorgate 1.4.0 (commit 1a2b3c4)" */
  public String describe() {
    return "floorgate " + version + " (commit " + commit + ")";
  }

  private static BuildInfo load() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(filtered(properties.getProperty("version"), "development"),
        filtered(properties.getProperty("commit"), "unknown"));
  }

  /** A value the build did not fill in (still "${…}") counts as absent. */
  private static String filtered(String value, String otherwise) {
    return value == null || value.isBlank() || value.startsWith("${") ? otherwise : value.trim();
  }
}
