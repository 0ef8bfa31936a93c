package io.floorgate.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Mosquitto broker of the test's own, on a free loopback port, that the test can stop (SIGTERM,
 * every connection drops) and start again on the same port, logging to a file the test can read.
 *
 * <p>{@link #start(Path)} gives the broker the store-and-forward and lane tests need: persistence
 * on, so that a subscriber's session outlives a restart and the broker queues any number of
 * messages for it. The Sparkplug tests want one that forgets everything when it restarts, as a
 * crash without persistence would, and logs every packet so that a test can check their order:
 * {@code MosquittoProcess.in(dir).withoutPersistence().logPackets().start()}.
 */
public final class MosquittoProcess implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final Path config;
  private final Path log;
  private @Nullable Process process;

  private MosquittoProcess(Path dir, int port, Path config, Path log) {
    this.dir = dir;
    this.port = port;
    this.config = config;
    this.log = log;
  }

  /** Starts a broker with persistent sessions and plain MQTT on a free port. */
  public static MosquittoProcess start(Path dir) throws IOException {
    return in(dir).start();
  }

  /** A broker whose files ({@code mosquitto.conf}, its log, its sessions) live in {@code dir}. */
  public static Options in(Path dir) {
    return new Options(dir);
  }

  /** What a test asks of its broker beyond plain MQTT; persistence on unless it says otherwise. */
  public static final class Options {
    private final Path dir;
    private boolean persistence = true;
    private boolean logPackets;
    private @Nullable Long maxPacketSize;
    private final List<String> lines = new ArrayList<>();

    private Options(Path dir) {
      this.dir = dir;
    }

    /** A restart loses every session, queued and retained message, as a crash would. */
    public Options withoutPersistence() {
      persistence = false;
      return this;
    }

    /** Logs every packet ({@code log_type all}): too much under load, right for their order. */
    public Options logPackets() {
      logPackets = true;
      return this;
    }

    /** What the broker tells MQTT 5 clients it accepts, in bytes. */
    public Options maxPacketSize(long bytes) {
      maxPacketSize = bytes;
      return this;
    }

    /** Lines added to {@code mosquitto.conf} as they are, such as a TLS listener. */
    public Options config(String... config) {
      lines.addAll(List.of(config));
      return this;
    }

    /** Writes the config and starts the broker; returns once it listens. */
    public MosquittoProcess start() throws IOException {
      Files.createDirectories(dir);
      int port = freePort();
      Path log = dir.resolve("mosquitto.log").toAbsolutePath();
      List<String> conf = new ArrayList<>(List.of(
          "listener " + port + " 127.0.0.1",
          "allow_anonymous true",
          "log_dest file " + log));
      if (persistence) {
        conf.add("persistence true");
        conf.add("persistence_location " + dir.toAbsolutePath() + "/");
        // Queue without limit for a subscriber that is reconnecting: the tests count every message.
        conf.add("max_queued_messages 0");
      } else {
        conf.add("persistence false");
      }
      if (logPackets) {
        conf.add("log_type all");
      }
      if (maxPacketSize != null) {
        conf.add("max_packet_size " + maxPacketSize);
      }
      if ("root".equals(System.getProperty("user.name"))) {
        // As root Mosquitto would switch to the user mosquitto, who cannot write this directory.
        conf.add("user root");
      }
      conf.addAll(lines);
      Path config = dir.resolve("mosquitto.conf");
      Files.writeString(config, String.join("\n", conf) + "\n", StandardCharsets.UTF_8);
      MosquittoProcess broker = new MosquittoProcess(dir, port, config, log);
      broker.start();
      return broker;
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Starts it again after {@link #stop()}, on the same port, and waits until it listens. */
  public synchronized void start() throws IOException {
    Process started = new ProcessBuilder(executable(), "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.out").toFile())
        .start();
    process = started;
    await().atMost(Duration.ofSeconds(20)).until(() -> listening(port) || !started.isAlive());
    if (!started.isAlive()) {
      throw new IllegalStateException("mosquitto exited with " + started.exitValue() + ": "
          + Files.readString(dir.resolve("mosquitto.out")) + String.join("\n", log()));
    }
  }

  /** SIGTERM, as a service stop would; waits until it has exited (and saved its sessions). */
  public synchronized void stop() throws InterruptedException {
    Process running = process;
    if (running != null && running.isAlive()) {
      running.destroy();
      if (!running.waitFor(20, TimeUnit.SECONDS)) {
        running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    process = null;
  }

  /** The broker's log so far, line by line. */
  public List<String> log() throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** The index of the first log line that contains every one of {@code parts}, or -1. */
  public int firstLogLine(String... parts) throws IOException {
    List<String> lines = log();
    for (int i = 0; i < lines.size(); i++) {
      if (List.of(parts).stream().allMatch(lines.get(i)::contains)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  /** A loopback port nothing listens on, as of now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mosquitto"))) {
        return Path.of(dir, "mosquitto").toString();
      }
    }
    // Debian installs it in /usr/sbin, which a non-root PATH may lack; .ci/run installs it.
    return "/usr/sbin/mosquitto";
  }
}
