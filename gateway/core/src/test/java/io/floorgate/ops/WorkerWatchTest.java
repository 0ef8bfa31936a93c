package io.floorgate.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.api.ApiServer;
import io.floorgate.config.GatewayConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** A worker thread that dies turns liveness DOWN and asks for exit code 70, once. */
@Timeout(30)
class WorkerWatchTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger watchLog = (Logger) LoggerFactory.getLogger(WorkerWatch.class);
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
  private final WorkerWatch watch = new WorkerWatch().onDeath(exitCode::complete);
  private Operations ops;
  private ApiServer api;

  @AfterEach
  void stop() {
    watchLog.detachAppender(log);
    if (api != null) {
      api.close();
      ops.close();
    }
  }

  @Test
  void aWorkerThatDiesTurnsLivenessDownAndEndsTheProcessWithSeventy() throws Exception {
    serve();
    assertEquals(200, get("/health/live").statusCode());
    log.start();
    watchLog.addAppender(log);

    die("floorgate-pipeline", new IllegalStateException("Map readings(2) is closed"));

    assertEquals(WorkerWatch.EX_SOFTWARE, exitCode.get(10, TimeUnit.SECONDS));
    HttpResponse<String> live = get("/health/live");
    assertEquals(503, live.statusCode());
    assertTrue(live.body().contains("\"DOWN\"") && live.body().contains("floorgate-pipeline"),
        live.body());
    List<ILoggingEvent> errors = log.list.stream().filter(e -> e.getLevel() == Level.ERROR)
        .toList();
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).getFormattedMessage().contains("floorgate-pipeline died of an"
        + " unexpected java.lang.IllegalStateException: Map readings(2) is closed"),
        errors.get(0).getFormattedMessage());
  }

  @Test
  void aLibraryThreadThatEndsLeavesTheGatewayAliveWithOneLine() throws Exception {
    log.start();
    watchLog.addAppender(log);
    die("nioEventLoopGroup-3-1", new IllegalStateException("not ours"));

    assertTrue(watch.alive());
    assertTrue(!exitCode.isDone());
    List<ILoggingEvent> lines = log.list.stream()
        .filter(e -> e.getFormattedMessage().contains("nioEventLoopGroup-3-1")).toList();
    assertEquals(1, lines.size(), lines::toString);
    assertEquals(Level.WARN, lines.get(0).getLevel());
    assertTrue(lines.get(0).getFormattedMessage().startsWith("Library thread nioEventLoopGroup-3-1"
        + " ended with java.lang.IllegalStateException: not ours at "), lines.toString());
    assertNull(lines.get(0).getThrowableProxy(), "no stack trace for a library's thread");
  }

  private void die(String name, RuntimeException cause) throws InterruptedException {
    Thread worker = new Thread(() -> {
      throw cause;
    }, name);
    worker.setUncaughtExceptionHandler(watch);
    worker.start();
    worker.join(10_000);
    await().atMost(Duration.ofSeconds(5)).until(() -> !worker.isAlive());
  }

  private void serve() throws Exception {
    GatewayConfig config = MetricsEndpointTest.config();
    ops = new Operations(config, new LinkBook(Clock.systemUTC()), new LatestValues(),
        MetricsEndpointTest.IDLE, List.of(), watch);
    api = MetricsEndpointTest.serve(ops, config);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
