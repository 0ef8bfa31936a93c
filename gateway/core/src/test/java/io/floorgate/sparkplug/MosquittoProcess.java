package io.floorgate.sparkplug;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Mosquitto broker of the test's own, on a free loopback port, that the test can stop and start
 * again on the same port, with everything it does logged to a file the test can read.
 */
final class MosquittoProcess implements AutoCloseable {

  private final Path dir;
  private final Path log;
  private final Path conf;
  private final int port;
  private @Nullable Process process;

  private MosquittoProcess(Path dir, int port, @Nullable Long maxPacketSize) throws IOException {
    this.dir = dir;
    this.port = port;
    this.log = dir.resolve("mosquitto.log");
    this.conf = dir.resolve("mosquitto.conf");
    // Started as root, Mosquitto drops to its own user before it opens the log file.
    dir.toFile().setWritable(true, false);
    dir.toFile().setExecutable(true, false);
    Files.writeString(conf, String.join("\n",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "persistence false",
        "log_dest file " + log,
        "log_type all",
        maxPacketSize == null ? "" : "max_packet_size " + maxPacketSize,
        ""));
  }

  static MosquittoProcess start(Path dir) throws IOException {
    return start(dir, null);
  }

  /** Starts a broker; {@code maxPacketSize} is what it tells MQTT 5 clients it accepts. */
  static MosquittoProcess start(Path dir, @Nullable Long maxPacketSize) throws IOException {
    MosquittoProcess broker = new MosquittoProcess(dir, freePort(), maxPacketSize);
    broker.start();
    return broker;
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** Starts it again after {@link #stop()}, on the same port. */
  void start() throws IOException {
    process = new ProcessBuilder("mosquitto", "-c", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.out").toFile())
        .start();
    await().atMost(Duration.ofSeconds(10)).until(this::listening);
  }

  /** Stops it as a broker restart or crash would: every connection drops. */
  void stop() throws InterruptedException {
    Process p = process;
    if (p != null) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  /** The broker's log so far, line by line. */
  List<String> log() throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private boolean listening() {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
