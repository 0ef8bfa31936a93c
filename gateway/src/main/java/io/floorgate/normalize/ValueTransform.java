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
 * costs two multiplications at most.
 */
final class ValueTransform {

  private final @Nullable Scaling scaling;
  private final @Nullable UnitConverter converter;

  private ValueTransform(@Nullable Scaling scaling, @Nullable UnitConverter converter) {
    this.scaling = scaling;
    this.converter = converter;
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
    return new ValueTransform(tag.scaling(), converter);
  }

  /** Whether numbers change at all; when not, integers stay {@link Long}. */
  boolean isIdentity() {
    return scaling == null && converter == null;
  }

  /** The engineering value of a raw number. */
  double apply(double raw) {
    double value = scaling == null ? raw : scaling.apply(raw);
    return converter == null ? value : converter.convert(value);
  }
}
