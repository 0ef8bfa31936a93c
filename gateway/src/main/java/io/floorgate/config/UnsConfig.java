package io.floorgate.config;

/**
 * The Unified Namespace JSON publisher ({@code uns:} in YAML).
 *
 * @param enabled whether readings are published as UNS JSON topics [true]; turn it off to
 *                publish Sparkplug B only
 */
public record UnsConfig(boolean enabled) {

  public static final boolean DEFAULT_ENABLED = true;

  /** The publisher as it runs when the config does not mention it. */
  public static UnsConfig defaults() {
    return new UnsConfig(DEFAULT_ENABLED);
  }
}
