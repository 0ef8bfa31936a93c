package io.floorgate.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * ISA-95 naming for the Unified Namespace ({@code namespace:} in YAML).
 *
 * <p>{@code enterprise} and {@code site} are required topic levels of {@code a-z 0-9 - _};
 * {@code topicPrefix} defaults to empty.
 *
 * @param enterprise  first topic level, e.g. {@code jxnmm}
 * @param site        second topic level, e.g. {@code isohara}
 * @param topicPrefix prepended to every topic, without leading or trailing slash and without
 *                    MQTT wildcards; empty for none (tests use a unique prefix so that runs do not
 *                    see each other)
 */
public record Namespace(String enterprise, String site, String topicPrefix) {

  public static final String DEFAULT_TOPIC_PREFIX = "";

  public Namespace {
    Objects.requireNonNull(enterprise, "enterprise");
    Objects.requireNonNull(site, "site");
    topicPrefix = topicPrefix == null ? DEFAULT_TOPIC_PREFIX : topicPrefix;
    requireNoProblem(Names.levelProblem(enterprise), "enterprise");
    requireNoProblem(Names.levelProblem(site), "site");
    requireNoProblem(Names.topicPrefixProblem(topicPrefix), "topicPrefix");
  }

  private static void requireNoProblem(@Nullable String problem, String name) {
    if (problem != null) {
      throw new IllegalArgumentException(name + ": " + problem);
    }
  }

  /** {@code enterprise/site}, the root of every path. */
  public String root() {
    return enterprise + "/" + site;
  }
}
