package io.floorgate;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker of the test's own, on a free loopback port, that the test can stop (SIGTERM)
 * and start again on the same port. It keeps client sessions across restarts (persistence on), so
 * a subscriber with a session misses nothing published while it was reconnecting, and it queues
 * any number of messages for it.
 */
public final class MosquittoProcess implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final Path config;
  private Process process;

  private MosquittoProcess(Path dir, int port, Path config) {
    this.dir = dir;
    this.port = port;
    this.config = config;
  }

  /**
   * Writes the config into {@code dir} (plain MQTT on a free port, plus {@code extra} lines such
   * as a TLS listener) and starts the broker.
   */
  public static MosquittoProcess start(Path dir, String... extra) throws IOException {
    MosquittoProcess broker = prepare(dir, extra);
    broker.start();
    return broker;
  }

  /** Like {@link #start} without starting: a broker that is down from the beginning. */
  public static MosquittoProcess prepare(Path dir, String... extra) throws IOException {
    Files.createDirectories(dir);
    int port = freePort();
    StringBuilder conf = new StringBuilder()
        .append("listener ").append(port).append(" 127.0.0.1\n")
        .append("allow_anonymous true\n")
        .append("persistence true\n")
        .append("persistence_location ").append(dir.toAbsolutePath()).append("/\n")
        // Queue without limit for a subscriber that is reconnecting: the test counts every message.
        .append("max_queued_messages 0\n")
        .append("log_dest file ").append(dir.resolve("mosquitto.log").toAbsolutePath())
        .append("\n");
    if ("root".equals(System.getProperty("user.name"))) {
      // As root Mosquitto would switch to the user mosquitto, who cannot write this directory.
      conf.append("user root\n");
    }
    for (String line : extra) {
      conf.append(line).append('\n');
    }
    Path config = dir.resolve("mosquitto.conf");
    Files.writeString(config, conf, StandardCharsets.UTF_8);
    return new MosquittoProcess(dir, port, config);
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public Path dir() {
    return dir;
  }

  /** Starts the broker and waits until it listens. */
  public synchronized void start() throws IOException {
    process = new ProcessBuilder(executable(), "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.out").toFile())
        .start();
    await().atMost(Duration.ofSeconds(20)).until(() -> listening(port) || !process.isAlive());
    if (!process.isAlive()) {
      throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": "
          + Files.readString(dir.resolve("mosquitto.out")) + readLog());
    }
  }

  /** SIGTERM, as a service stop would; waits until it has exited (and saved its sessions). */
  public synchronized void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  public String readLog() throws IOException {
    Path log = dir.resolve("mosquitto.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static boolean listening(int port) {
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String executable() {
    for (String dir : List.of(System.getenv().getOrDefault("PATH", "").split(":"))) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mosquitto"))) {
        return Path.of(dir, "mosquitto").toString();
      }
    }
    // Debian installs it in /usr/sbin, which a non-root PATH may lack; .ci/run installs it.
    return "/usr/sbin/mosquitto";
  }
}
