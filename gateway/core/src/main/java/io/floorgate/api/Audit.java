package io.floorgate.api;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API's audit trail, on the {@value #LOGGER} logger beside the Sparkplug writes: every
 * alarm command (who, from where, which alarm, what, the answer) and every refused caller (a
 * missing or wrong token, a foreign WebSocket origin). One line each, never throttled; text a
 * client sent is quoted with its control characters escaped, so it cannot forge a line.
 */
final class Audit {

  static final String LOGGER = "floorgate.audit";
  private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
  /** Longer client text is cut: a line per call, not a copy of the body. */
  private static final int MAX_QUOTED = 200;

  private Audit() {}

  /** An alarm command answered with {@code status} ({@code answer}: what the caller was told). */
  static void command(String action, String alarm, @Nullable String by, @Nullable String remote,
      int status, String answer) {
    String line = "HTTP " + action + " of alarm " + quote(alarm) + " by "
        + (by == null ? "?" : quote(by)) + " from " + remote + ": " + status + " " + answer;
    if (status < 300) {
      AUDIT.info("{}", line);
    } else {
      AUDIT.warn("{}", line);
    }
  }

  /**
   * A maintenance counter's reset answered with {@code status}: who, from where, the value it had
   * and the comment, kept for whoever asks later why a service interval started again.
   */
  static void reset(String counter, @Nullable String by, @Nullable String comment,
      @Nullable Double value, @Nullable String remote, int status, String answer) {
    String line = "HTTP reset of maintenance counter " + quote(counter) + " by "
        + (by == null ? "?" : quote(by)) + " from " + remote
        + (value == null ? "" : " at " + value) + (comment == null ? "" : ", comment "
        + quote(comment)) + ": " + status + " " + answer;
    if (status < 300) {
      AUDIT.info("{}", line);
    } else {
      AUDIT.warn("{}", line);
    }
  }

  /** A caller refused before any route ran: a bad token (401) or a foreign origin (403). */
  static void refused(String method, String path, @Nullable String remote, int status,
      String why) {
    AUDIT.warn("HTTP {} {} from {}: refused {}: {}", method, quote(path), remote, status, why);
  }

  /** The peer as {@code address:port}, or null when there is none (an embedded channel). */
  static @Nullable String remote(Channel channel) {
    SocketAddress address = channel.remoteAddress();
    if (address instanceof InetSocketAddress inet) {
      return inet.getAddress() == null ? inet.getHostString() + ":" + inet.getPort()
          : inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    return address == null ? null : address.toString();
  }

  /** Client text in quotes, control characters and quotes escaped, cut at a length. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    int n = Math.min(text.length(), MAX_QUOTED);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\''
          || c == '\\') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(text.length() > n ? "'…" : "'").toString();
  }
}
