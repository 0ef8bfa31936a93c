package io.floorgate.driver.opcua;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** Collects what one logger writes, through a real logback appender. */
final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private final @Nullable Level previousLevel;

  LogCapture(Class<?> loggerOf) {
    this(loggerOf, null);
  }

  /** Also lowers the logger to {@code level} while capturing, e.g. to see a library's DEBUG. */
  LogCapture(Class<?> loggerOf, @Nullable Level level) {
    this(loggerOf.getName(), level);
  }

  /** For a logger whose class is not visible here (the simulator's). */
  LogCapture(String loggerName, @Nullable Level level) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    previousLevel = logger.getLevel();
    if (level != null) {
      logger.setLevel(level);
    }
    appender.start();
    logger.addAppender(appender);
  }

  /** The formatted messages at {@code level}, oldest first. */
  List<String> messages(Level level) {
    synchronized (appender) {
      return appender.list.stream()
          .filter(e -> e.getLevel() == level)
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }

  /** When each message at {@code level} containing {@code text} was logged, in epoch ms. */
  List<Long> times(Level level, String text) {
    synchronized (appender) {
      return appender.list.stream()
          .filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(text))
          .map(ILoggingEvent::getTimeStamp)
          .toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
    appender.stop();
  }
}
