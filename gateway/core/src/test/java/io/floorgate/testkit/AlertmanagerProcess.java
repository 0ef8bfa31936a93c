package io.floorgate.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Prometheus Alertmanager of the test's own (Debian's {@code prometheus-alertmanager}, which
 * {@code .ci/run} installs): on a free loopback port, clustering off, its config and storage in
 * a directory of the test. The test can stop it and start it again on the same port, and read
 * the alerts it holds ({@code GET /api/v2/alerts}).
 */
public final class AlertmanagerProcess implements AutoCloseable {

  /** Where Debian installs it. */
  public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = """
      route:
        receiver: blackhole
        group_wait: 1s
      receivers:
        - name: blackhole
      """;

  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private @Nullable Process process;

  private AlertmanagerProcess(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Writes its config into {@code dir}, starts it, and returns once it is ready. */
  public static AlertmanagerProcess start(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
    AlertmanagerProcess am = new AlertmanagerProcess(dir, MosquittoProcess.freePort());
    am.start();
    return am;
  }

  /** Its base URL, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts it (again, after {@link #stop}) on the same port; returns once it is ready. */
  public synchronized void start() throws IOException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(),
        "--config.file=" + dir.resolve("alertmanager.yml"),
        "--web.listen-address=127.0.0.1:" + port,
        "--storage.path=" + dir.resolve("data"),
        "--cluster.listen-address="));
    Process started = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("alertmanager.log").toFile()))
        .start();
    process = started;
    await().atMost(Duration.ofSeconds(30)).until(() -> ready() || !started.isAlive());
    if (!started.isAlive()) {
      throw new IllegalStateException("alertmanager exited with " + started.exitValue() + ": "
          + Files.readString(dir.resolve("alertmanager.log")));
    }
  }

  private boolean ready() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The alerts it holds now: active, silenced, inhibited and unprocessed, not resolved ones. */
  public List<JsonNode> alerts() throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url()
        + "/api/v2/alerts")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("GET /api/v2/alerts: HTTP " + answer.statusCode() + " "
          + answer.body());
    }
    List<JsonNode> alerts = new ArrayList<>();
    JSON.readTree(answer.body()).forEach(alerts::add);
    return alerts;
  }

  /** The alerts whose label {@code name} is {@code value}; empty when it cannot be asked. */
  public List<JsonNode> alertsWith(String name, String value) {
    try {
      return alerts().stream().filter(a -> value.equals(a.path("labels").path(name).asText()))
          .toList();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** SIGTERM; waits until it has exited. */
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

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
