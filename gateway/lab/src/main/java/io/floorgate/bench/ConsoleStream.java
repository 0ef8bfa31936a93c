package io.floorgate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A console on the measured gateway's alarm stream ({@code /alarms/stream}): reads every message
 * and keeps only the count, so that the gateway writes a WebSocket frame for each transition, as
 * it does with an operator's screen open.
 */
final class ConsoleStream implements AutoCloseable {

  private final WebSocket socket;
  private final AtomicLong messages = new AtomicLong();

  private ConsoleStream(int port) throws IOException {
    try {
      socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/alarms/stream"), new Counter())
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the gateway's alarm stream on port " + port + " did not open: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening the alarm stream", e);
    }
  }

  static ConsoleStream open(int port) throws IOException {
    return new ConsoleStream(port);
  }

  /** Whole messages received (the snapshot, then one per transition). */
  long messages() {
    return messages.get();
  }

  private final class Counter implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      if (last) {
        messages.incrementAndGet();
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() {
    socket.abort();
  }
}
