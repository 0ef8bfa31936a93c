package io.floorgate.buffer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/** The buffer's log lines during one test: {@code @RegisterExtension final BufferLog log = …}. */
final class BufferLog implements BeforeEachCallback, AfterEachCallback {

  final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(DiskBuffer.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    appender.start();
    logger.addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    logger.detachAppender(appender);
  }

  /** The messages logged at {@code level}, formatted. */
  List<String> at(Level level) {
    return appender.list.stream().filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  boolean has(Level level, String text) {
    return at(level).stream().anyMatch(m -> m.contains(text));
  }

  @Override
  public String toString() {
    return appender.list.toString();
  }
}
