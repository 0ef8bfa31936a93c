package io.floorgate.alarm;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A trend's window of values in bounded memory: {@value #BUCKETS} time buckets of
 * {@code window / }{@value #BUCKETS} each, every one holding the mean time and mean value of the
 * readings that fell in it, and the least-squares line through the bucket means.
 *
 * <p>Each bucket counts once, however many readings it holds: readings come by exception, so a
 * noisy stretch sends many and a steady one few, and weighting by count would let the noise
 * decide. For the same reason a bucket that closes without a reading while the value is known to
 * hold (no BAD reading since) is filled with the held value.
 *
 * <p>The line is given only with enough data: buckets covering at least a quarter of the window,
 * and at least {@value #MIN_BUCKETS} of them.
 */
final class TrendBuckets {

  static final int BUCKETS = 256;
  static final int MIN_BUCKETS = 8;

  /**
   * The line through the bucket means at a moment.
   *
   * @param slope      per second
   * @param valueNow   the line's value at the moment asked
   * @param confidence the slope in standard errors ({@code |slope| / se}); infinite on a
   *                   perfect line
   */
  record Fit(double slope, double valueNow, double confidence) {}

  private final long widthNanos;
  private final double coverageNeeded;
  /** The bucket number each slot holds (number mod {@value #BUCKETS}); -1 when none. */
  private final long[] number = new long[BUCKETS];
  private final double[] sumT = new double[BUCKETS];
  private final double[] sumV = new double[BUCKETS];
  private final int[] count = new int[BUCKETS];
  private @Nullable Instant origin;
  private long lastNumber = -1;
  /** The last value, while it is known to hold; null after a BAD reading. */
  private @Nullable Double held;

  TrendBuckets(Duration window) {
    this.widthNanos = Math.max(1, window.toNanos() / BUCKETS);
    this.coverageNeeded = window.toNanos() / 4 / 1e9;
    java.util.Arrays.fill(number, -1);
  }

  void add(Instant at, double value) {
    long n = Math.max(bucket(at), lastNumber);
    fillUpTo(n);
    int slot = (int) (n % BUCKETS);
    if (number[slot] != n) {
      number[slot] = n;
      sumT[slot] = 0;
      sumV[slot] = 0;
      count[slot] = 0;
    }
    sumT[slot] += seconds(at);
    sumV[slot] += value;
    count[slot]++;
    lastNumber = n;
    held = value;
  }

  /** The value is no longer known to hold (a BAD reading): nothing is carried forward. */
  void interrupt() {
    held = null;
  }

  /** The line at {@code now}; null without enough data. */
  @Nullable Fit fit(Instant now) {
    long current = Math.max(bucket(now), lastNumber);
    fillUpTo(current);
    double n = 0;
    double meanT = 0;
    double meanV = 0;
    double first = Double.MAX_VALUE;
    double last = -Double.MAX_VALUE;
    for (int s = 0; s < BUCKETS; s++) {
      if (valid(s, current)) {
        double t = sumT[s] / count[s];
        n++;
        meanT += t;
        meanV += sumV[s] / count[s];
        first = Math.min(first, t);
        last = Math.max(last, t);
      }
    }
    if (n < MIN_BUCKETS || last - first < coverageNeeded) {
      return null;
    }
    meanT /= n;
    meanV /= n;
    double sxx = 0;
    double sxy = 0;
    for (int s = 0; s < BUCKETS; s++) {
      if (valid(s, current)) {
        double dt = sumT[s] / count[s] - meanT;
        sxx += dt * dt;
        sxy += dt * (sumV[s] / count[s] - meanV);
      }
    }
    double slope = sxy / sxx;
    double sse = 0;
    for (int s = 0; s < BUCKETS; s++) {
      if (valid(s, current)) {
        double r = sumV[s] / count[s] - meanV - slope * (sumT[s] / count[s] - meanT);
        sse += r * r;
      }
    }
    double se = Math.sqrt(sse / (n - 2) / sxx);
    double confidence = se > 0 ? Math.abs(slope) / se : Double.POSITIVE_INFINITY;
    return new Fit(slope, meanV + slope * (seconds(now) - meanT), confidence);
  }

  /** Buckets closed without a reading while the value held get the held value. */
  private void fillUpTo(long current) {
    if (held == null || lastNumber < 0) {
      return;
    }
    for (long n = Math.max(lastNumber + 1, current - BUCKETS); n < current; n++) {
      int slot = (int) (n % BUCKETS);
      number[slot] = n;
      sumT[slot] = (n + 0.5) * widthNanos / 1e9;
      sumV[slot] = held;
      count[slot] = 1;
    }
    lastNumber = Math.max(lastNumber, current - 1);
  }

  private boolean valid(int slot, long current) {
    return number[slot] >= 0 && number[slot] > current - BUCKETS;
  }

  private long bucket(Instant at) {
    if (origin == null) {
      origin = at;
    }
    return Math.max(0, Duration.between(origin, at).toNanos() / widthNanos);
  }

  private double seconds(Instant at) {
    return origin == null ? 0 : Duration.between(origin, at).toNanos() / 1e9;
  }
}
