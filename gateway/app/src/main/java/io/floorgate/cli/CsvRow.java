package io.floorgate.cli;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One row of a tag list, read as typed values. Like the config reader's {@code YamlMap}, every
 * getter that meets something wrong records a problem with the row's line and the column, and
 * carries on (null or a default), so that every mistake in the file is reported at once.
 */
final class CsvRow {

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
  private static final BigDecimal MAX_WHOLE = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d*,\\d+");
  private static final List<String> TRUE = List.of("true", "yes", "y", "x", "1");
  private static final List<String> FALSE = List.of("false", "no", "n", "0");

  private final int line;
  private final Map<String, String> values;
  private final boolean decimalComma;
  private final ImportProblems problems;

  /**
   * @param values       the row's non-empty values, stripped, by column
   * @param decimalComma whether {@code 0,5} is a number (files separated by ';')
   */
  CsvRow(int line, Map<String, String> values, boolean decimalComma, ImportProblems problems) {
    this.line = line;
    this.values = Map.copyOf(values);
    this.decimalComma = decimalComma;
    this.problems = problems;
  }

  int line() {
    return line;
  }

  boolean has(String column) {
    return values.containsKey(column);
  }

  @Nullable String text(String column) {
    return values.get(column);
  }

  /** The value; null and a problem ("is empty; write e.g. …") when the cell is empty. */
  @Nullable String required(String column, String example) {
    String value = values.get(column);
    if (value == null) {
      error(column, "is empty; every tag needs one, e.g. " + example);
    }
    return value;
  }

  /** A number as written: a whole one as a Long, any other as a Double; null when empty. */
  @Nullable Number number(String column) {
    String value = values.get(column);
    return value == null ? null : number(column, value, value);
  }

  /**
   * {@code number}, part of the column's text {@code value}, as a number; null when wrong
   * (reported).
   */
  @Nullable Number number(String column, String number, String value) {
    String text = decimalComma && DECIMAL_COMMA.matcher(number).matches()
        ? number.replace(',', '.') : number;
    if (!DECIMAL.matcher(text).matches()) {
      error(column, "'" + value + "' is not a number; write e.g. 27648 or 0.5"
          + (decimalComma ? " (or 0,5)" : ""));
      return null;
    }
    BigDecimal exact = new BigDecimal(text);
    if (exact.stripTrailingZeros().scale() <= 0 && exact.abs().compareTo(MAX_WHOLE) <= 0) {
      return exact.longValue();
    }
    return exact.doubleValue();
  }

  /** A whole number from {@code min} to {@code max}; null when empty or wrong (reported). */
  @Nullable Long whole(String column, long min, long max) {
    String value = values.get(column);
    Number n = number(column);
    if (n == null) {
      return null;
    }
    if (!(n instanceof Long whole) || whole < min || whole > max) {
      error(column, "'" + value + "' is not a whole number from " + min + " to " + max);
      return null;
    }
    return whole;
  }

  /** true/false, yes/no, x, 1/0 in any case; false when empty. */
  boolean bool(String column) {
    String value = values.get(column);
    if (value == null) {
      return false;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!TRUE.contains(lower) && !FALSE.contains(lower)) {
      error(column, "'" + value + "' is not true or false; write true, false (or yes, no, x, "
          + "1, 0), or leave it empty for false");
      return false;
    }
    return TRUE.contains(lower);
  }

  /** One of {@code allowed}, ignoring case, returned as spelt there; null when empty or wrong. */
  @Nullable String choice(String column, List<String> allowed) {
    String value = values.get(column);
    if (value == null) {
      return null;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(value)) {
        return a;
      }
    }
    error(column, "'" + value + "' is not one of " + String.join(", ", allowed));
    return null;
  }

  void error(String column, String message) {
    problems.add(line, column, message);
  }
}
