package io.floorgate.testkit;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.util.Properties;

/**
 * An MQTT 3.1.1-only broker in the test's own JVM (Moquette 0.17, which refuses MQTT 5 as
 * RabbitMQ's MQTT plugin and older Mosquitto installations do), on a free loopback port, that a
 * test can stop (every connection drops) and start again on the same port. It keeps nothing across
 * a restart: no sessions, no retained messages.
 */
public final class MoquetteBroker implements AutoCloseable {

  private final int port;
  private Server server = new Server();
  private boolean running;

  private MoquetteBroker(int port) {
    this.port = port;
  }

  /** Starts a broker on a free loopback port. */
  public static MoquetteBroker start() throws IOException {
    MoquetteBroker broker = new MoquetteBroker(MosquittoProcess.freePort());
    broker.startAgain();
    return broker;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Starts it again on the same port after {@link #stop()}. */
  public synchronized void startAgain() throws IOException {
    if (running) {
      return;
    }
    Properties properties = new Properties();
    properties.setProperty("host", "127.0.0.1");
    properties.setProperty("port", Integer.toString(port));
    properties.setProperty("websocket_port", "disabled");
    properties.setProperty("allow_anonymous", "true");
    properties.setProperty("persistence_enabled", "false");
    properties.setProperty("telemetry_enabled", "false");
    // Deliver at once: the default batching delays messages to a subscriber by up to a second.
    properties.setProperty("immediate_buffer_flush", "true");
    server = new Server();
    server.startServer(new MemoryConfig(properties));
    running = true;
  }

  /** Stops the broker: every client's connection drops, as in a broker restart. */
  public synchronized void stop() {
    if (running) {
      server.stopServer();
      running = false;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
