package io.floorgate.config;

import java.util.Locale;
import java.util.Map;
import javax.measure.Dimension;
import javax.measure.Unit;
import javax.measure.format.MeasurementParseException;
import javax.measure.quantity.Temperature;
import tech.units.indriya.AbstractUnit;
import tech.units.indriya.format.SimpleUnitFormat;
import tech.units.indriya.function.RationalNumber;
import tech.units.indriya.unit.Units;

/**
 * Unit symbols as plant engineers write them in config, resolved to JSR 385 units (Indriya).
 *
 * <p>Indriya parses SI symbols ({@code Pa}, {@code kPa}, {@code A}, {@code m/s}); this adds the
 * spellings seen on plant floors that it does not know ({@code °C}, {@code degF}, {@code l/min},
 * {@code rpm}, {@code Nm³/h}, {@code ppm}, {@code kWh}). Conversion itself is always Indriya's.
 */
public final class UnitSymbols {

  /** Degree Fahrenheit: 5/9 of a kelvin, zero at 459.67 °R. Not in Indriya's SI system. */
  public static final Unit<Temperature> FAHRENHEIT =
      Units.KELVIN.multiply(RationalNumber.of(5, 9)).shift(459.67);

  private static final Map<String, Unit<?>> ALIASES = Map.ofEntries(
      Map.entry("°c", Units.CELSIUS),
      Map.entry("degc", Units.CELSIUS),
      Map.entry("℃", Units.CELSIUS),
      // UCUM's code for degree Celsius, for those who cannot type °.
      Map.entry("cel", Units.CELSIUS),
      Map.entry("°f", FAHRENHEIT),
      Map.entry("degf", FAHRENHEIT),
      Map.entry("℉", FAHRENHEIT),
      Map.entry("k", Units.KELVIN),
      Map.entry("%", Units.PERCENT),
      Map.entry("pct", Units.PERCENT),
      Map.entry("l/min", Units.LITRE.divide(Units.MINUTE)),
      Map.entry("l/h", Units.LITRE.divide(Units.HOUR)),
      Map.entry("m³/h", Units.CUBIC_METRE.divide(Units.HOUR)),
      Map.entry("m3/h", Units.CUBIC_METRE.divide(Units.HOUR)),
      // Normal cubic metres: a volume at reference conditions; dimensionally a volume.
      Map.entry("nm³/h", Units.CUBIC_METRE.divide(Units.HOUR)),
      Map.entry("nm3/h", Units.CUBIC_METRE.divide(Units.HOUR)),
      Map.entry("rpm", AbstractUnit.ONE.divide(Units.MINUTE)),
      Map.entry("1/min", AbstractUnit.ONE.divide(Units.MINUTE)),
      Map.entry("mm/min", Units.METRE.divide(1000).divide(Units.MINUTE)),
      Map.entry("mm/s", Units.METRE.divide(1000).divide(Units.SECOND)),
      Map.entry("bar", Units.PASCAL.multiply(100_000)),
      Map.entry("mbar", Units.PASCAL.multiply(100)),
      // Gas analyzers (residual O2, moisture) report parts per million: a ratio, 1e-6.
      Map.entry("ppm", AbstractUnit.ONE.divide(1_000_000)),
      // Energy meters count watt-hours: 3600 J each.
      Map.entry("wh", Units.JOULE.multiply(3_600)),
      // Looked up in lower case, so no "MWh": it would read as milliwatt-hours too.
      Map.entry("kwh", Units.JOULE.multiply(3_600_000)));

  /** Names of the quantities a plant measures, for messages about units that do not convert. */
  private static final Map<Dimension, String> QUANTITIES = Map.ofEntries(
      Map.entry(Units.KELVIN.getDimension(), "a temperature"),
      Map.entry(Units.PASCAL.getDimension(), "a pressure"),
      Map.entry(AbstractUnit.ONE.getDimension(), "a ratio or count"),
      Map.entry(Units.CUBIC_METRE.divide(Units.SECOND).getDimension(), "a volume flow"),
      Map.entry(Units.KILOGRAM.divide(Units.SECOND).getDimension(), "a mass flow"),
      Map.entry(Units.METRE_PER_SECOND.getDimension(), "a speed"),
      Map.entry(Units.HERTZ.getDimension(), "a frequency or rotational speed"),
      Map.entry(Units.AMPERE.getDimension(), "a current"),
      Map.entry(Units.VOLT.getDimension(), "a voltage"),
      Map.entry(Units.WATT.getDimension(), "a power"),
      Map.entry(Units.JOULE.getDimension(), "an energy or torque"),
      Map.entry(Units.NEWTON.getDimension(), "a force"),
      Map.entry(Units.KILOGRAM.getDimension(), "a mass"),
      Map.entry(Units.METRE.getDimension(), "a length"),
      Map.entry(Units.CUBIC_METRE.getDimension(), "a volume"),
      Map.entry(Units.SECOND.getDimension(), "a time"),
      // Named for the warnings on C (coulomb) and F (farad) written for °C and °F.
      Map.entry(Units.COULOMB.getDimension(), "an electric charge"),
      Map.entry(Units.FARAD.getDimension(), "a capacitance"));

  private UnitSymbols() {}

  /** What the unit measures, e.g. "a temperature", or its dimension when it is unusual. */
  static String quantityOf(Unit<?> unit) {
    return QUANTITIES.getOrDefault(unit.getDimension(), "dimension " + unit.getDimension());
  }

  /**
   * Resolves a unit symbol.
   *
   * @throws IllegalArgumentException with a message naming the symbol, when neither the alias
   *     table nor Indriya knows it
   */
  public static Unit<?> parse(String symbol) {
    String trimmed = symbol.strip();
    Unit<?> alias = ALIASES.get(trimmed.toLowerCase(Locale.ROOT));
    if (alias != null) {
      return alias;
    }
    try {
      return SimpleUnitFormat.getInstance().parse(trimmed);
    } catch (MeasurementParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown unit '" + symbol + "': use an SI symbol such as "
          + "Pa, kPa, A, V, m/s, or one of °C, °F, K, %, l/min, m³/h, Nm³/h, rpm, mm/min, mm/s, bar");
    }
  }

  /** Whether values in {@code from} can be converted to {@code to} (same dimension). */
  public static boolean compatible(Unit<?> from, Unit<?> to) {
    return from.isCompatible(to);
  }
}
