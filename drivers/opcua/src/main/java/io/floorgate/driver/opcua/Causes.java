package io.floorgate.driver.opcua;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaExceptionStatus;
import org.jspecify.annotations.Nullable;

/** Short, operator-readable causes ("connection refused", "Bad_Timeout") for log lines. */
final class Causes {

  private Causes() {}

  static String describe(Throwable failure) {
    Throwable t = unwrap(failure);
    // The socket-level reason is the most useful when the PLC cannot be reached at all.
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
        return beforeColon(c.getMessage(), "connection failed");
      }
      if (c instanceof UnknownHostException) {
        return "unknown host " + c.getMessage();
      }
      if (c instanceof TimeoutException) {
        return "no answer within the timeout";
      }
    }
    var status = UaExceptionStatus.extract(t);
    if (status.isPresent()
        && status.get().getStatusCode().value() != StatusCodes.Bad_UnexpectedError) {
      String name = SampleMapper.statusName(status.get().getStatusCode().value());
      String message = status.get().getMessage();
      return message == null || message.isBlank() || message.contains(name)
          ? name
          : name + " (" + message + ")";
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** Netty says "Connection refused: /127.0.0.1:4841"; the address is already in the log line. */
  private static String beforeColon(@Nullable String message, String fallback) {
    if (message == null || message.isBlank()) {
      return fallback;
    }
    int colon = message.indexOf(':');
    String head = colon > 0 ? message.substring(0, colon) : message;
    return head.trim().toLowerCase(Locale.ROOT);
  }
}
