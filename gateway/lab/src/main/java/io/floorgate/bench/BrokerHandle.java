package io.floorgate.bench;

import io.floorgate.demo.EmbeddedBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The broker of the run: a URL, {@code mosquitto}, {@code embedded}, or {@code auto} — a
 * Mosquitto of the bench's own when the binary is installed, else a local one on 127.0.0.1:1883
 * when it answers, else the embedded broker. Auto prefers a real broker because the embedded
 * HiveMQ CE delivers QoS 1 to a subscriber at only about a thousand messages per second here,
 * which would measure the broker rather than the gateway; and a broker of its own, because a
 * shared one carries what other runs left (retained topics, sessions) and drops messages for a
 * subscriber more than {@code max_queued_messages} (1000 by default) behind, which the bench
 * would count as the pipe's loss.
 */
record BrokerHandle(String url, @Nullable EmbeddedBroker embedded, @Nullable Process mosquitto,
    @Nullable Path dir) implements AutoCloseable {
  static final String LOCAL = "tcp://127.0.0.1:1883";
  static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  /**
   * The bench's own Mosquitto: Mosquitto's defaults (a Receive Maximum of 20 for publishers,
   * {@code max_inflight_messages}) but a subscriber's queue that holds a minute of the fastest
   * load, so a subscriber behind shows as latency rather than loss, and no persistence file.
   */
  static final String MOSQUITTO_CONF = """
      listener %d 127.0.0.1
      allow_anonymous true
      persistence false
      max_inflight_messages 20
      max_queued_messages 1000000
      log_dest file %s
      """;

  static BrokerHandle open(String choice) throws IOException {
    if (choice.equals("mosquitto") || choice.equals("auto") && Files.isExecutable(MOSQUITTO)) {
      return startMosquitto();
    }
    if (choice.equals("auto") && answers(1883)) {
      return new BrokerHandle(LOCAL, null, null, null);
    }
    if (choice.equals("auto") || choice.equals("embedded")) {
      EmbeddedBroker broker = EmbeddedBroker.start(0);
      return new BrokerHandle(broker.url(), broker, null, null);
    }
    return new BrokerHandle(choice, null, null, null);
  }

  private static BrokerHandle startMosquitto() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path dir = Files.createTempDirectory("floorgate-bench-mosquitto-");
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, String.format(MOSQUITTO_CONF, port, dir.resolve("mosquitto.log")));
    Process process = new ProcessBuilder(List.of(MOSQUITTO.toString(), "-c", conf.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!answers(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroy();
        throw new IOException(MOSQUITTO + " did not start on port " + port + "; see "
            + dir.resolve("mosquitto.out") + " (or pass --broker auto|URL|embedded)");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return new BrokerHandle("tcp://127.0.0.1:" + port, null, process, dir);
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** How the report names the broker. */
  String describe() {
    return url + (embedded != null ? " (embedded)" : mosquitto != null ? " (the bench's own Mosquitto)" : "");
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
    if (mosquitto != null) {
      mosquitto.destroy();
      try {
        mosquitto.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
