package io.floorgate.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code demo} shows maintenance at work within its first minute: the simulated plant wears 36000x
 * faster than real time, so zone 05's thermocouple B drifts more than 5 °C away from A in a second
 * or two, and the disagreement rule of isohara.yaml (its {@code for:} shortened to 20 s by the
 * demo) raises a maintenance alarm that {@code /api/alarms?class=maintenance} lists.
 */
@Timeout(240)
class DemoMaintenanceIT {

  static final Pattern STATUS_LINE =
      Pattern.compile("^Status page: http://127\\.0\\.0\\.1:(\\d+)/ .*$");

  static final String DISAGREEMENT_ID = "calcination.rhk01.zone05.tc-a.disagreement";

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void demoRaisesTheDriftingThermocoupleAsAMaintenanceAlarmWithinAMinute() throws Exception {
    Path jar = Path.of("target", "floorgate-lab.jar");
    assertTrue(Files.isRegularFile(jar), "run after mvn package: " + jar.toAbsolutePath());
    Path log = Path.of("target", "demo-maintenance-it.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "demo")
        .redirectError(ProcessBuilder.Redirect.to(log.toFile()));
    // The demo's own pace, whatever the machine running the test has set.
    builder.environment().remove(DemoCommand.DRIFT_SPEED_VARIABLE);
    DemoCommand.DEMO_RULE_TIMES.keySet().forEach(builder.environment()::remove);
    Process demo = builder.start();
    List<String> stdout = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          stdout.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "demo-stdout");
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(90))
          .until(() -> stdout.stream().anyMatch(l -> STATUS_LINE.matcher(l).matches()));
      Matcher status = stdout.stream().map(STATUS_LINE::matcher).filter(Matcher::matches)
          .findFirst().orElseThrow();
      URI maintenance = URI.create(
          "http://127.0.0.1:" + status.group(1) + "/api/alarms?class=maintenance");

      // A minute of the demo, and some slack for a busy machine.
      JsonNode alarm = await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofSeconds(1))
          .until(() -> disagreement(maintenance), Optional::isPresent).orElseThrow();

      assertEquals("MAINTENANCE", alarm.path("class").asText(), alarm::toString);
      assertEquals("DISAGREEMENT", alarm.path("type").asText(), alarm::toString);
      assertTrue(alarm.path("active").asBoolean(), alarm::toString);
      assertEquals("UNACKED", alarm.path("state").asText(), alarm::toString);
    } finally {
      demo.destroy();
      if (!demo.waitFor(60, TimeUnit.SECONDS)) {
        demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The zone 05 disagreement alarm when the maintenance list has it raised, else empty. */
  private Optional<JsonNode> disagreement(URI maintenance)
      throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(maintenance).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response::body);
    JsonNode alarms = json.readTree(response.body());
    return StreamSupport.stream(alarms.spliterator(), false)
        .filter(a -> DISAGREEMENT_ID.equals(a.path("id").asText()))
        .filter(a -> a.path("active").asBoolean())
        .findFirst();
  }
}
