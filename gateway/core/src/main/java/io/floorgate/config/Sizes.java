package io.floorgate.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amounts of data as written in config: a number and a unit, {@code 500MB}, {@code 2GB},
 * {@code 1.5GB}, {@code 512MiB}. A unit is required, as for durations: a bare number could be
 * bytes or megabytes to a reader. kB, MB, GB, TB are powers of 1000; KiB, MiB, GiB, TiB of 1024.
 */
final class Sizes {

  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*([a-zA-Z]*)");
  private static final Map<String, Long> BYTES_PER_UNIT = Map.ofEntries(
      Map.entry("b", 1L),
      Map.entry("kb", 1_000L),
      Map.entry("mb", 1_000_000L),
      Map.entry("gb", 1_000_000_000L),
      Map.entry("tb", 1_000_000_000_000L),
      Map.entry("kib", 1L << 10),
      Map.entry("mib", 1L << 20),
      Map.entry("gib", 1L << 30),
      Map.entry("tib", 1L << 40));

  private Sizes() {}

  /**
   * Parses a size in bytes.
   *
   * @throws IllegalArgumentException with a message that says how to write it
   */
  static long parse(String text) {
    String trimmed = text.strip();
    Matcher m = FORM.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size; write a number and a "
          + "unit (kB, MB, GB, TB or KiB, MiB, GiB, TiB), e.g. 500MB or 2GB");
    }
    if (m.group(2).isEmpty()) {
      throw new IllegalArgumentException(trimmed + " has no unit; write e.g. " + trimmed
          + "MB or " + trimmed + "GB");
    }
    Long perUnit = BYTES_PER_UNIT.get(m.group(2).toLowerCase(java.util.Locale.ROOT));
    if (perUnit == null) {
      throw new IllegalArgumentException("'" + m.group(2) + "' in '" + trimmed + "' is not a unit"
          + " of size here; use kB, MB, GB, TB or KiB, MiB, GiB, TiB");
    }
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(perUnit));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(trimmed + " is far too large");
    }
    return bytes.longValue();
  }

  /** The way a reader would write it: the largest decimal unit that divides it exactly. */
  static String format(long bytes) {
    String[] units = {"TB", "GB", "MB", "kB"};
    long[] sizes = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    for (int i = 0; i < units.length; i++) {
      if (bytes != 0 && bytes % sizes[i] == 0) {
        return bytes / sizes[i] + units[i];
      }
    }
    return bytes + "B";
  }
}
