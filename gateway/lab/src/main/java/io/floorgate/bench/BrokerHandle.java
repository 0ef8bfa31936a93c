package io.floorgate.bench;

import io.floorgate.demo.EmbeddedBroker;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The broker of the run: a URL, {@code embedded}, or {@code auto} — a local Mosquitto on
 * 127.0.0.1:1883 when one answers, else the embedded broker. Auto prefers a real broker because
 * the embedded HiveMQ CE delivers QoS 1 to a subscriber at only about a thousand messages per
 * second here, which would measure the broker rather than the gateway.
 */
record BrokerHandle(String url, @Nullable EmbeddedBroker embedded) implements AutoCloseable {
  static final String LOCAL = "tcp://127.0.0.1:1883";

  static BrokerHandle open(String choice) throws IOException {
    if (choice.equals("auto") && localBrokerAnswers()) {
      return new BrokerHandle(LOCAL, null);
    }
    if (choice.equals("auto") || choice.equals("embedded")) {
      EmbeddedBroker broker = EmbeddedBroker.start(0);
      return new BrokerHandle(broker.url(), broker);
    }
    return new BrokerHandle(choice, null);
  }

  private static boolean localBrokerAnswers() {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", 1883), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
