package io.floorgate.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.testkit.Recorder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with an OPC UA server Floorgate did not write: node-opcua (npm
 * node-opcua-server 2.182.2, in src/test/node, installed by .ci/run with npm ci) on a random
 * loopback port. The packaged jar's {@code browse --out} writes a config of what it finds; its
 * {@code run} on that config publishes every built-in scalar type and an array, correctly.
 */
@Timeout(240)
class InteropIT {

  static final Path NODE_PROJECT = Path.of("src", "test", "node");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** What each variable of server.js must publish, by its tag path below the area. */
  static Map<String, String> expected() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("boolean", "true");
    values.put("sbyte", "-100");
    values.put("byte", "200");
    values.put("int16", "-30000");
    values.put("uint16", "60000");
    values.put("int32", "-2000000000");
    values.put("uint32", "4000000000");
    values.put("int64", "-1234567890123");
    values.put("uint64", "12345678901234");
    values.put("float", "1.5");
    values.put("double", "3.14159");
    values.put("string", "\"kiln ready\"");
    values.put("datetime", "\"2026-01-02T03:04:05Z\"");
    values.put("bytestring", "\"AQL/\"");
    values.put("localizedtext", "\"Mischen\"");
    values.put("statuscode", "\"Bad_SensorFailure\"");
    values.put("guid", "\"72962b91-fa75-4ae6-8d28-b404dc7daf63\"");
    values.put("doublearray", "[1.5,2.5,-3.0]");
    values.put("temperature", "741.5");
    return values;
  }

  @Test
  void browseOutThenRunPublishesEveryTypeOfANodeOpcuaServer() throws Exception {
    Path jar = Path.of("target", "floorgate.jar");
    assertTrue(Files.isRegularFile(jar), "run after mvn package: " + jar.toAbsolutePath());
    assertTrue(Files.isDirectory(NODE_PROJECT.resolve("node_modules").resolve("node-opcua-server")),
        "node-opcua is not installed: run `npm ci` in " + NODE_PROJECT.toAbsolutePath()
            + " (bash .ci/run does it)");

    int port = freePort();
    List<String> serverOut = new CopyOnWriteArrayList<>();
    Process server = start(new ProcessBuilder("node", "server.js", Integer.toString(port),
        tmp.resolve("node-pki").toString()).directory(NODE_PROJECT.toFile())
        .redirectError(tmp.resolve("node.err").toFile()), serverOut);
    await().atMost(Duration.ofSeconds(90)).until(() -> serverOut.stream().anyMatch(l -> l.startsWith("READY"))
        || !server.isAlive());
    assertTrue(server.isAlive(), () -> "node-opcua did not start: " + read(tmp.resolve("node.err")));
    String url = "opc.tcp://127.0.0.1:" + port + "/interop";

    String enterprise = "interop-" + UUID.randomUUID().toString().substring(0, 8);
    Path config = tmp.resolve("interop.yaml");
    Process browse = new ProcessBuilder(java(), "-jar", jar.toString(), "browse", url, "--out",
        config.toString(), "--enterprise", enterprise, "--quiet", "--pki", tmp.resolve("pki").toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("browse.log").toFile()).start();
    processes.add(browse);
    assertTrue(browse.waitFor(90, TimeUnit.SECONDS), "browse did not finish");
    assertEquals(0, browse.exitValue(), () -> read(tmp.resolve("browse.log")));

    String prefix = enterprise + "/site/browsed/interop/";
    try (Recorder probe = Recorder.subscribe("tcp://127.0.0.1:1883", enterprise + "/#")) {
      ProcessBuilder run = new ProcessBuilder(java(), "-jar", jar.toAbsolutePath().toString(),
          "run", "--config", config.toString())
          .directory(tmp.toFile())
          .redirectErrorStream(true).redirectOutput(tmp.resolve("run.log").toFile());
      run.environment().put("FLOORGATE_MQTT_URL", "tcp://127.0.0.1:1883");
      processes.add(run.start());

      Map<String, String> expected = expected();
      await().atMost(Duration.ofSeconds(90)).until(() -> expected.keySet().stream()
          .allMatch(tag -> probe.latest(prefix + tag) != null));
      for (Map.Entry<String, String> e : expected.entrySet()) {
        JsonNode reading = probe.latest(prefix + e.getKey());
        assertEquals("GOOD", reading.path("quality").asText(), e.getKey() + ": " + reading);
        assertEquals(JSON.readTree(e.getValue()), reading.path("value"), e.getKey() + ": " + reading);
      }
      assertEquals("°C", probe.latest(prefix + "temperature").path("unit").asText());
      await().atMost(Duration.ofSeconds(10))
          .until(() -> probe.latest(prefix + "temperature/_meta") != null);
      JsonNode meta = probe.latest(prefix + "temperature/_meta");
      assertEquals(1100.0, meta.path("range").path("high").asDouble(), meta::toString);
    }
  }

  private Process start(ProcessBuilder builder, List<String> stdout) throws IOException {
    Process p = builder.start();
    processes.add(p);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          stdout.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "interop-stdout");
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
