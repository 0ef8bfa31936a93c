package io.floorgate.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The gateway's logging, set up in code and only here (the jar has no {@code logback.xml}):
 * no XML parsed at start (Joran and the JDK's XML parser are about 600 classes and a tenth of a
 * second of the start). {@code FLOORGATE_LOG_FORMAT=json} writes one JSON object per line, anything else the
 * human format; {@code FLOORGATE_LOG_LEVEL} sets the root level (INFO). The libraries (Milo,
 * Netty, Paho — through java.util.logging too —, Moquette) write in the same format from WARN up,
 * less their warnings about expected network and trust conditions ({@link LibraryLogFilter}).
 *
 * <p>Steps aside (and logback reads its XML files as usual) when {@code -Dlogback.configurationFile}
 * is given or a {@code logback-test.xml} is on the class path, as in the tests.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    install(context, System.getenv());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * The gateway's logging on {@code context}: one format for the gateway's lines and the
   * libraries' (Paho's java.util.logging included), library noise about expected network and
   * trust conditions dropped ({@link LibraryLogFilter}).
   */
  public static void install(LoggerContext context, Map<String, String> env) {
    boolean json = "json".equals(env.getOrDefault("FLOORGATE_LOG_FORMAT", "human")
        .trim().toLowerCase(Locale.ROOT));
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(json ? "json" : "human");
    appender.setTarget("System.err");
    appender.setEncoder(json ? jsonEncoder(context) : humanEncoder(context));
    appender.start();

    bridgeJul(context);
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(env.getOrDefault("FLOORGATE_LOG_LEVEL", "INFO"), Level.INFO));
    root.addAppender(appender);
    for (String quiet : new String[] {"org.eclipse.milo", "io.netty", "com.hivemq", "migrations",
        "org.eclipse.paho", "io.moquette"}) {
      context.getLogger(quiet).setLevel(Level.WARN);
    }
    // The Modbus library logs every expected socket close at ERROR with a stack trace; the Modbus
    // driver reports each cause itself, once, with what to check.
    context.getLogger("com.digitalpetri").setLevel(Level.OFF);
    LibraryLogFilter filter = new LibraryLogFilter();
    filter.setContext(context);
    filter.start();
    context.addTurboFilter(filter);
  }

  /**
   * Paho writes its own errors through java.util.logging ("SEVERE: …" in another format); they
   * go through this logging instead, at the levels set here.
   */
  private static void bridgeJul(LoggerContext context) {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    // Levels set on logback loggers from here on reach java.util.logging, so that disabled JUL
    // lines cost nothing.
    LevelChangePropagator propagator = new LevelChangePropagator();
    propagator.setContext(context);
    propagator.setResetJUL(true);
    propagator.start();
    context.addListener(propagator);
  }

  private static Encoder<ILoggingEvent> humanEncoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n");
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithContext(false);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithMDC(false);
    encoder.setWithKVPList(false);
    encoder.setWithArguments(false);
    encoder.setWithMessage(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}
