package io.floorgate.config;

/**
 * Linear scaling of a raw value (e.g. analog-input counts 0–27648) to engineering units
 * ({@code scale: { rawLow, rawHigh, low, high, clamp }} in YAML; {@code clamp} defaults to false so
 * that an out-of-range input, such as a broken 4–20 mA loop, stays visible).
 *
 * @param rawLow  raw value that maps to {@code euLow}
 * @param rawHigh raw value that maps to {@code euHigh}
 * @param euLow   engineering value at {@code rawLow}
 * @param euHigh  engineering value at {@code rawHigh}
 * @param clamp   whether results are clamped to {@code [euLow, euHigh]}
 */
public record Scaling(double rawLow, double rawHigh, double euLow, double euHigh, boolean clamp) {
  public Scaling {
    if (rawLow == rawHigh) {
      throw new IllegalArgumentException("rawLow and rawHigh must differ, both are " + rawLow);
    }
  }

  /** Applies the linear map, and the clamp when configured. */
  public double apply(double raw) {
    double eu = euLow + (raw - rawLow) * (euHigh - euLow) / (rawHigh - rawLow);
    if (clamp) {
      double lo = Math.min(euLow, euHigh);
      double hi = Math.max(euLow, euHigh);
      eu = Math.max(lo, Math.min(hi, eu));
    }
    return eu;
  }
}
