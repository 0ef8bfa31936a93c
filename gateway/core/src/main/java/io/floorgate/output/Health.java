package io.floorgate.output;

import java.util.Objects;

/**
 * An output's readiness: {@code ready} when it delivers (its broker connected, the Sparkplug node
 * online), and in {@code detail} what it is doing or why not, for an operator.
 */
public record Health(boolean ready, String detail) {

  public Health {
    Objects.requireNonNull(detail, "detail");
  }

  public static Health ready(String detail) {
    return new Health(true, detail);
  }

  public static Health notReady(String detail) {
    return new Health(false, detail);
  }
}
