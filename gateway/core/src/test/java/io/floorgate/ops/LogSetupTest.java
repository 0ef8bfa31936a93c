package io.floorgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The production logging ({@link LogSetup#install}) on the test JVM's context, then restored. */
class LogSetupTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void install() {
    context.reset();
    LogSetup.install(context, Map.of());
    lines.setContext(context);
    lines.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(lines);
  }

  @AfterEach
  void restore() throws Exception {
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void aLibraryStackTraceAboutAnUntrustedCertificateIsDropped() {
    var milo = LoggerFactory.getLogger(
        "org.eclipse.milo.opcua.stack.transport.client.uasc.UascClientMessageHandler");
    var cause = new IOException("DecoderException",
        new CertificateException("the trustAnchors parameter must be non-empty"));
    for (int i = 0; i < 50; i++) {
      milo.error("[remote={}] Exception caught: {}", "/127.0.0.1:4840", cause.getMessage(), cause);
    }
    LoggerFactory.getLogger("io.netty.channel.DefaultChannelPipeline")
        .warn("An exceptionCaught() event was fired", new ConnectException("Connection refused"));

    assertEquals(List.of(), lines.list);
  }

  @Test
  void anUnexpectedLibraryErrorKeepsItsStackTraceAndIsWrittenOnceAMinute() {
    var milo = LoggerFactory.getLogger("org.eclipse.milo.opcua.sdk.client.SessionFsm");
    for (int i = 0; i < 20; i++) {
      milo.error("unexpected failure", new NullPointerException("bug"));
    }

    assertEquals(1, lines.list.size());
    assertNotNull(lines.list.get(0).getThrowableProxy());
  }

  @Test
  void theGatewaysOwnLinesAreNeverDropped() {
    var own = LoggerFactory.getLogger("io.floorgate.driver.opcua.OpcUaDriver");
    own.warn("cannot connect", new ConnectException("Connection refused"));
    own.warn("cannot connect", new ConnectException("Connection refused"));

    assertEquals(2, lines.list.size());
  }

  @Test
  void pahosJavaUtilLoggingLinesGoThroughTheSameLogging() {
    java.util.logging.Logger.getLogger("org.eclipse.paho.mqttv5.client.internal.ClientState")
        .severe("timed out as no activity");

    assertEquals(1, lines.list.size());
    ILoggingEvent e = lines.list.get(0);
    assertEquals(Level.ERROR, e.getLevel());
    assertTrue(e.getLoggerName().startsWith("org.eclipse.paho"), e.getLoggerName());
  }
}
