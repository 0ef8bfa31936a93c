package io.floorgate.config;

/** Expected engineering range of a tag. */
public record Range(double low, double high) {
  public Range {
    if (!(low < high)) {
      throw new IllegalArgumentException("range low " + low + " must be below high " + high);
    }
  }

  public double span() {
    return high - low;
  }
}
