package io.floorgate.normalize;

import io.floorgate.config.Scaling;
import io.floorgate.config.TagConfig;
import io.floorgate.config.UnitSymbols;
import javax.measure.IncommensurableException;
import javax.measure.UnconvertibleException;
import javax.measure.UnitConverter;
import org.jspecify.annotations.Nullable;

/**
 * The numeric part of a tag's pipeline: linear scaling of raw counts, then conversion from the
 * PLC's unit to the published one. Both are resolved once, when the tag is built, so a sample
 * costs a few multiplications.
 *
 * <p>Indriya converts through exact {@code Number} arithmetic, which allocates on every call. Plant
 * units convert affinely (y = a·x + b: °F → °C, bar → Pa, l/min → m³/h), so the coefficients are
 * taken from Indriya's converter once and checked against it at further points; a converter that
 * is not affine within double precision is kept and called per value.
 */
final class ValueTransform {

  /** Most tags change nothing: they share one transform instead of one each. */
  private static final ValueTransform IDENTITY = new ValueTransform(null, null);

  private final @Nullable Scaling scaling;
  private final @Nullable UnitConverter converter;
  private final double factor;
  private final double offset;

  private ValueTransform(@Nullable Scaling scaling, @Nullable UnitConverter converter) {
    this.scaling = scaling;
    double b = converter == null ? 0 : converter.convert(0.0);
    double a = converter == null ? 1 : converter.convert(1.0) - b;
    this.converter = converter == null || isAffine(converter, a, b) ? null : converter;
    this.factor = a;
    this.offset = b;
  }

  private static boolean isAffine(UnitConverter converter, double a, double b) {
    for (double x : new double[] {-459.67, -1.5, 2.0, 100.0, 27_648.0, 1.0e6}) {
      double expected = converter.convert(x);
      if (Math.abs(a * x + b - expected) > 1e-9 * Math.max(1.0, Math.abs(expected))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Builds the transform of one tag.
   *
   * @throws IllegalArgumentException when a unit is unknown or the two units measure different
   *     things; the message names the connection and tag
   */
  static ValueTransform of(String connection, TagConfig tag) {
    UnitConverter converter = null;
    String from = tag.sourceUnit();
    String to = tag.unit();
    if (from != null && to != null && !from.strip().equals(to.strip())) {
      try {
        converter = UnitSymbols.parse(from).getConverterToAny(UnitSymbols.parse(to));
      } catch (IncommensurableException | UnconvertibleException e) {
        throw new IllegalArgumentException("connection " + connection + ", tag " + tag.path()
            + ": cannot convert sourceUnit '" + from + "' to unit '" + to
            + "' (they measure different quantities); fix one of them", e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "connection " + connection + ", tag " + tag.path() + ": " + e.getMessage(), e);
      }
      if (converter.isIdentity()) {
        converter = null;
      }
    }
    return tag.scaling() == null && converter == null ? IDENTITY
        : new ValueTransform(tag.scaling(), converter);
  }

  /** Whether numbers change at all; when not, integers stay {@link Long}. */
  boolean isIdentity() {
    return scaling == null && converter == null && factor == 1 && offset == 0;
  }

  /** The engineering value of a raw number. */
  double apply(double raw) {
    double value = scaling == null ? raw : scaling.apply(raw);
    return converter == null ? factor * value + offset : converter.convert(value);
  }
}
