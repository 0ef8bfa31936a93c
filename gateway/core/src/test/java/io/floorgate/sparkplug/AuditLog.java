package io.floorgate.sparkplug;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures the audit log lines of the node's commands while a test runs. */
final class AuditLog implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger(CommandHandler.AUDIT_LOGGER);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  AuditLog() {
    appender.start();
    logger.addAppender(appender);
  }

  List<String> lines() {
    return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  /** Every line, for failure messages. */
  String text() {
    return String.join("\n", lines());
  }

  boolean has(String... parts) {
    return lines().stream().anyMatch(l -> List.of(parts).stream().allMatch(l::contains));
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
