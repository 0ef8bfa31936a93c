package io.floorgate.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.floorgate.driver.CauseThrottle;
import java.io.IOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;

/**
 * Keeps the libraries' own warnings (Milo, Netty, Paho, Moquette) from burying the gateway's
 * lines. A library warning whose cause is an expected network or trust condition — a refused or
 * reset connection, a timeout, a TLS or certificate refusal, an OPC UA security or connection
 * status — is dropped: the driver or lane that retries reports that cause itself, once, with its
 * fix. Any other library warning is written at most once a minute per logger and message, so a
 * real fault still shows, with its stack trace.
 */
final class LibraryLogFilter extends TurboFilter {

  private static final List<String> LIBRARIES = List.of("org.eclipse.milo.", "io.netty.",
      "org.eclipse.paho.", "io.moquette.", "com.digitalpetri.", "com.hivemq.");

  /** OPC UA status names (Milo puts them in its exception messages) that retries report. */
  private static final List<String> EXPECTED_STATUS = List.of("Bad_Security", "Bad_Certificate",
      "Bad_UserAccessDenied", "Bad_IdentityToken", "Bad_UserSignature", "Bad_Connection",
      "Bad_Timeout", "Bad_ServerNotConnected", "Bad_SessionClosed", "Bad_SessionIdInvalid",
      "Bad_SecureChannel", "Bad_Communication", "Bad_Disconnect", "Bad_ServerHalted",
      "Bad_TcpEndpointUrlInvalid", "Bad_Shutdown", "Bad_RequestTimeout", "Bad_NoCommunication");

  private final CauseThrottle repeats;

  LibraryLogFilter() {
    this(new CauseThrottle());
  }

  LibraryLogFilter(CauseThrottle repeats) {
    this.repeats = repeats;
  }

  @Override
  public FilterReply decide(@Nullable Marker marker, Logger logger, Level level,
      @Nullable String format, Object @Nullable [] params, @Nullable Throwable t) {
    if (!level.isGreaterOrEqual(Level.WARN) || !isLibrary(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t != null ? t : lastThrowable(params);
    if (thrown != null && isExpected(thrown)) {
      return FilterReply.DENY;
    }
    return repeats.admit(logger.getName() + " " + format, "") == null
        ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  static boolean isLibrary(String logger) {
    for (String prefix : LIBRARIES) {
      if (logger.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code thrown} is a condition of the network or of trust, not a bug. */
  static boolean isExpected(Throwable thrown) {
    for (Throwable c = thrown; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SocketException || c instanceof UnknownHostException
          || c instanceof ClosedChannelException || c instanceof SSLException
          || c instanceof GeneralSecurityException || c instanceof TimeoutException
          || c instanceof java.net.SocketTimeoutException) {
        return true;
      }
      String message = String.valueOf(c.getMessage());
      if (c instanceof IOException && (message.toLowerCase(Locale.ROOT).contains("connection reset")
          || message.toLowerCase(Locale.ROOT).contains("broken pipe"))) {
        return true;
      }
      String type = c.getClass().getName();
      if (type.startsWith("org.eclipse.milo.") && EXPECTED_STATUS.stream()
          .anyMatch(message::contains)) {
        return true;
      }
      // Paho's connect and connection-lost failures: the lane reports each with its advice.
      if (type.startsWith("org.eclipse.paho.") && type.endsWith("MqttException")) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Throwable lastThrowable(Object @Nullable [] params) {
    if (params == null || params.length == 0) {
      return null;
    }
    return params[params.length - 1] instanceof Throwable last ? last : null;
  }
}
