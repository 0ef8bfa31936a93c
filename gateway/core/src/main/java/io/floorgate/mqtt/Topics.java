package io.floorgate.mqtt;

import io.floorgate.config.Namespace;

/** Topic names of the Unified Namespace. */
final class Topics {

  static final String META_SUFFIX = "/_meta";
  static final String BATCH_LEVEL = "_batch";

  private Topics() {}

  /** {@code [topicPrefix/]path}: the path is already {@code enterprise/site/area/…/tag}. */
  static String prefixed(Namespace namespace, String path) {
    String prefix = namespace.topicPrefix();
    return prefix.isEmpty() ? path : prefix + "/" + path;
  }

  /** The batched form's topic for the readings of a PLC connection. */
  static String batch(Namespace namespace, String connection) {
    return prefixed(namespace, namespace.enterprise() + "/" + namespace.site() + "/" + BATCH_LEVEL
        + "/" + connection);
  }

  /** The retained metadata topic of a tag. */
  static String meta(Namespace namespace, String path) {
    return prefixed(namespace, path) + META_SUFFIX;
  }
}
