package io.floorgate.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.testkit.Recorder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code java -jar floorgate-lab.jar demo} as a new user runs it: it prints the watch line, the port in
 * it serves live kiln and mixer values under {@code jxnmm/#}, and SIGTERM stops it cleanly.
 */
@Timeout(180)
class DemoIT {

  static final Pattern WATCH_LINE =
      Pattern.compile("^mosquitto_sub -h 127\\.0\\.0\\.1 -p (\\d+) -t 'jxnmm/#' -v$");

  static final Pattern BUFFER_LINE =
      Pattern.compile("Store-and-forward buffer (\\S+)/queue\\.mv");

  @Test
  void demoPrintsWatchLineServesLiveValuesAndStopsOnSignal() throws Exception {
    Path jar = Path.of("target", "floorgate-lab.jar");
    assertTrue(Files.isRegularFile(jar), "run after mvn package: " + jar.toAbsolutePath());
    Path log = Path.of("target", "demo-it.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process demo = new ProcessBuilder(java, "-jar", jar.toString(), "demo")
        .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
        .start();
    List<String> stdout = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          stdout.add(line);
        }
      } catch (java.io.IOException ignored) {
        // the process ended
      }
    }, "demo-stdout");
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(90))
          .until(() -> stdout.stream().anyMatch(l -> WATCH_LINE.matcher(l).matches()));
      Matcher watch = stdout.stream().map(WATCH_LINE::matcher).filter(Matcher::matches).findFirst().orElseThrow();
      int port = Integer.parseInt(watch.group(1));

      try (Recorder probe = Recorder.subscribe("tcp://127.0.0.1:" + port, "jxnmm/#")) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
            probe.messages().stream().anyMatch(m -> m.topic().startsWith("jxnmm/isohara/calcination/rhk01/")
                && "GOOD".equals(m.json().path("quality").asText()))
            && probe.messages().stream().anyMatch(m -> m.topic().startsWith("jxnmm/isohara/mixing/mx01/")
                && "GOOD".equals(m.json().path("quality").asText())));
        // Polled and zone values may come before the first heartbeat report: wait for it too.
        await().atMost(Duration.ofSeconds(30))
            .until(() -> probe.latest("jxnmm/isohara/calcination/rhk01/heartbeat") != null);
      }

      demo.destroy(); // SIGTERM, as systemd or Ctrl-C would
      assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "demo did not stop within 60 s of SIGTERM");
      String stderr = Files.readString(log);
      assertTrue(stderr.contains("Floorgate stopped"), "clean shutdown is logged:\n" + stderr);
      // Nothing of the run is left in the temporary directory: neither buffer, nor the bdSeq.
      Matcher buffers = BUFFER_LINE.matcher(stderr);
      int seen = 0;
      while (buffers.find()) {
        Path buffer = Path.of(buffers.group(1));
        seen++;
        assertFalse(Files.exists(buffer), buffer + " left behind");
        assertFalse(Files.exists(buffer.getParent()), buffer.getParent() + " left behind");
      }
      assertEquals(2, seen, "the UNS and Sparkplug buffers are logged:\n" + stderr);
    } finally {
      if (demo.isAlive()) {
        demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    assertFalse(demo.isAlive());
  }
}
