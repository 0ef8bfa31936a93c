package io.floorgate.config;

/**
 * How many PLC writes the Sparkplug edge node lets a host make ({@code sparkplug.writes:} in
 * YAML), so that one DCMD naming a thousand metrics, or a host writing in a loop, cannot flood
 * the PLCs: beyond either limit the metrics are refused, counted and audited.
 *
 * <p>Defaults and bounds: {@code maxPerMessage} {@value #DEFAULT_MAX_PER_MESSAGE}
 * (1–{@value #MAX}); {@code maxPerSecond} {@value #DEFAULT_MAX_PER_SECOND} (1–{@value #MAX}).
 *
 * @param maxPerMessage metrics of one DCMD that are looked at; the rest are refused
 * @param maxPerSecond  writes to the PLCs per second for the whole node, with bursts of up to as
 *                      many at once
 */
public record WriteLimits(int maxPerMessage, int maxPerSecond) {

  public static final int DEFAULT_MAX_PER_MESSAGE = 100;
  public static final int DEFAULT_MAX_PER_SECOND = 100;
  public static final int MAX = 10_000;

  public WriteLimits {
    Checks.within("maxPerMessage", maxPerMessage, 1, MAX);
    Checks.within("maxPerSecond", maxPerSecond, 1, MAX);
  }

  public static WriteLimits defaults() {
    return new WriteLimits(DEFAULT_MAX_PER_MESSAGE, DEFAULT_MAX_PER_SECOND);
  }
}
