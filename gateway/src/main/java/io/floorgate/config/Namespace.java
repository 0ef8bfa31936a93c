package io.floorgate.config;

import java.util.Objects;

/**
 * ISA-95 naming for the Unified Namespace.
 *
 * @param enterprise  first topic level, e.g. {@code jxnmm}
 * @param site        second topic level, e.g. {@code isohara}
 * @param topicPrefix prepended to every topic, without trailing slash; empty for none (tests use a
 *                    unique prefix so that runs do not see each other)
 */
public record Namespace(String enterprise, String site, String topicPrefix) {
  public Namespace {
    Objects.requireNonNull(enterprise, "enterprise");
    Objects.requireNonNull(site, "site");
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
  }

  /** {@code enterprise/site}, the root of every path. */
  public String root() {
    return enterprise + "/" + site;
  }
}
