package io.floorgate.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP as a reload request. The JDK has no supported API for signals; {@code sun.misc.Signal}
 * (module jdk.unsupported) is the one every JVM on Linux has. Where it is missing, the file
 * watch still reloads.
 */
final class Hangup {

  private static final Logger log = LoggerFactory.getLogger(Hangup.class);

  private Hangup() {}

  @SuppressWarnings("restriction")
  static void install(Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
    } catch (IllegalArgumentException | LinkageError e) {
      log.warn("SIGHUP cannot be handled here ({}); edits of the config file still reload it",
          e.toString());
    }
  }
}
