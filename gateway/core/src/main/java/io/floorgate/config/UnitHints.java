package io.floorgate.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.measure.Dimension;
import javax.measure.Unit;
import org.jspecify.annotations.Nullable;
import tech.units.indriya.unit.Units;

/**
 * A unit that measures something else than the tag's path or description says: {@code unit: C}
 * is coulomb in SI, not degrees Celsius, and {@code F} is farad. Such a unit is valid, so this is
 * a warning ({@code check} prints it, the gateway starts), shown once per tag.
 */
final class UnitHints {

  /**
   * Words of a path or description that say what a tag measures, with how to write its unit, and
   * the symbols that are SI units of their own but usually meant as one of this quantity.
   */
  private record Hint(Set<String> words, Dimension dimension, String quantity, String advice,
      Map<String, String> meant) {}

  private static final List<Hint> HINTS = List.of(
      new Hint(Set.of("temp", "temperature", "temperatur", "tc", "thermocouple", "pt100", "rtd"),
          Units.KELVIN.getDimension(), "a temperature", "write °C (or Cel), K or °F",
          Map.of("C", "for degrees Celsius write °C or Cel",
              "F", "for degrees Fahrenheit write °F")),
      new Hint(Set.of("pressure", "druck"), Units.PASCAL.getDimension(), "a pressure",
          "write Pa, kPa, bar or mbar", Map.of()));

  private UnitHints() {}

  /**
   * What is doubtful about {@code unit} on a tag with this path and description; null when the
   * unit agrees with them or they say nothing.
   */
  static @Nullable String doubt(String symbol, Unit<?> unit, String path,
      @Nullable String description) {
    for (Hint hint : HINTS) {
      if (!mentions(hint.words(), path + " " + (description == null ? "" : description))
          || unit.getDimension().equals(hint.dimension())) {
        continue;
      }
      String name = unit.getName() == null ? symbol
          : unit.getName().toLowerCase(Locale.ROOT);
      // The same words for every tag of a template, so that its warnings merge into one line.
      return "unit " + symbol + " is " + name + " (" + UnitSymbols.quantityOf(unit) + "), but "
          + "the tag's path or description says " + hint.quantity() + "; "
          + hint.meant().getOrDefault(symbol, hint.advice());
    }
    return null;
  }

  private static boolean mentions(Set<String> words, String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .anyMatch(words::contains);
  }
}
