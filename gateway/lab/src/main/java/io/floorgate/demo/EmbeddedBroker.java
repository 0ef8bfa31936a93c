package io.floorgate.demo;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 5 broker inside the demo process (HiveMQ CE embedded).
 *
 * <p>HiveMQ's built-in defaults do not suit a gateway box: they listen on 0.0.0.0:1883, report
 * usage statistics and keep data in RocksDB. So it always gets its own configuration folder with a
 * loopback listener, in-memory persistence and statistics off, and it is built without its logging
 * bootstrap, which would otherwise take over the application's log appenders.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final long START_TIMEOUT_S = 60;
  private static final long STOP_TIMEOUT_S = 30;

  private final Path home;
  private final int port;
  private final EmbeddedHiveMQ hivemq;

  private EmbeddedBroker(Path home, int port, EmbeddedHiveMQ hivemq) {
    this.home = home;
    this.port = port;
    this.hivemq = hivemq;
  }

  /**
   * Starts a broker on 127.0.0.1.
   *
   * @param port the port, or 0 for a free one
   */
  public static EmbeddedBroker start(int port) throws IOException {
    int chosen = port == 0 ? freePort() : port;
    Path home = Files.createTempDirectory("floorgate-broker-");
    Path conf = Files.createDirectories(home.resolve("conf"));
    Files.writeString(conf.resolve("config.xml"), configXml(chosen));
    EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(conf)
        .withDataFolder(Files.createDirectories(home.resolve("data")))
        .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
        .withoutLoggingBootstrap()
        .build();
    EmbeddedBroker broker = new EmbeddedBroker(home, chosen, hivemq);
    try {
      hivemq.start().get(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      broker.close();
      throw new IOException("embedded MQTT broker did not start on 127.0.0.1:" + chosen
          + " (is the port taken?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      broker.close();
      throw new IOException("interrupted while starting the embedded MQTT broker", e);
    }
    log.info("Embedded MQTT broker listening on 127.0.0.1:{} (in-memory)", chosen);
    return broker;
  }

  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:port}. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      hivemq.stop().get(STOP_TIMEOUT_S, TimeUnit.SECONDS);
      hivemq.close();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Embedded MQTT broker did not stop cleanly: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteTree(home);
    }
  }

  static String configXml(int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>127.0.0.1</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <receive-maximum>
              <!-- HiveMQ's default of 10 unacknowledged QoS 1 publishes per client caps a gateway
                   at a few thousand values/s; Mosquitto allows 20, brokers in production more. -->
              <server-receive-maximum>1000</server-receive-maximum>
            </receive-maximum>
          </mqtt>
          <persistence>
            <mode>in-memory</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """.formatted(port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      log.debug("Could not delete {}: {}", root, e.toString());
    }
  }
}
