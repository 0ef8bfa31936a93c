package io.floorgate.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.testkit.Recorder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PLC laid out like a vendor's (src/test/node/vendor-server.js on node-opcua): two namespaces
 * whose order depends on how the server starts, string, numeric, GUID and opaque ids, every
 * built-in type, arrays, enumerations, a two-state point, analog items with UNECE units, names in
 * German and Japanese, and MaxNodesPerBrowse and MaxNodesPerRead of 8. The packaged jar's
 * {@code browse} writes a config that {@code check} accepts and {@code run} publishes right, and
 * keeps publishing right after the server restarts with its namespaces in the other order; a
 * browse of the restarted server writes the very same config.
 */
@Timeout(300)
class VendorPlcIT {

  static final Path NODE_PROJECT = Path.of("src", "test", "node");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROCESS = "nsu=urn:floorgate:vendor:process;";

  @TempDir Path tmp;
  final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process p : processes) {
      stop(p);
    }
  }

  /** What each variable must publish (JSON) and with which unit, by tag path below the area. */
  static Map<String, String[]> expected() {
    Map<String, String[]> values = new LinkedHashMap<>();
    InteropIT.expected().forEach((type, value) -> {
      if (!type.equals("doublearray") && !type.equals("temperature")) {
        values.put("process/types/" + type, new String[] {value, null});
      }
    });
    values.put("process/arrays/int32array", new String[] {"[1,-2,3]", null});
    values.put("process/arrays/stringarray", new String[] {"[\"ab\",\"ü\"]", null});
    values.put("process/arrays/doublearray", new String[] {"[1.5,2.5,-3.0]", null});
    values.put("process/kiln/炉温", new String[] {"812.5", "°C"});
    values.put("process/kiln/speed", new String[] {"12.5", "rpm"});
    values.put("process/kiln/pressure", new String[] {"101.3", "kPa"});
    values.put("process/kiln/level", new String[] {"42.0", null});
    values.put("process/kiln/state", new String[] {"\"Soaking\"", null});
    values.put("process/kiln/mode", new String[] {"\"Off\"", null});
    values.put("process/kiln/door", new String[] {"\"Open\"", null});
    values.put("process/kiln/motor-speed-" + TagNames.suffix(PROCESS + "s=Kiln.MotorSpeed1"),
        new String[] {"100.0", null});
    values.put("process/kiln/motor-speed-" + TagNames.suffix(PROCESS + "s=Kiln.MotorSpeed2"),
        new String[] {"200.0", null});
    values.put("process/kiln/value", new String[] {"1", null});
    values.put("energy/zählerstand", new String[] {"123456.5", "kWh"});
    values.put("energy/leistung", new String[] {"37.25", "kW"});
    values.put("energy/value", new String[] {"2", null});
    return values;
  }

  @Test
  void browseCheckRunPublishEveryVariableRightAcrossARestartThatReordersNamespaces()
      throws Exception {
    Path jar = Path.of("target", "floorgate.jar").toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), "run after mvn package: " + jar);
    assertTrue(Files.isDirectory(NODE_PROJECT.resolve("node_modules").resolve("node-opcua-server")),
        "node-opcua is not installed: run `npm ci` in " + NODE_PROJECT.toAbsolutePath()
            + " (bash .ci/run does it)");
    int port = freePort();
    String url = "opc.tcp://127.0.0.1:" + port + "/vendor";
    String enterprise = "vendor-" + UUID.randomUUID().toString().substring(0, 8);

    Process server = startServer(port, "ab", false);
    Path config = tmp.resolve("vendor.yaml");
    String browseLog = browse(jar, url, enterprise, config, "browse.log");
    assertFalse(browseLog.contains("refused"), "the published MaxNodesPerBrowse of 8 is "
        + "honoured, no request is refused:\n" + browseLog);
    String yaml = Files.readString(config);
    assertFalse(Pattern.compile("node: ns=").matcher(yaml).find(),
        "every node id carries its namespace URI:\n" + yaml);
    assertTrue(yaml.contains("# the server's unit 'Skt' is not a symbol floorgate knows"), yaml);

    Process check = new ProcessBuilder(java(), "-jar", jar.toString(), "check", "--config",
        config.toString()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("check.log").toFile()).start();
    processes.add(check);
    assertTrue(check.waitFor(60, TimeUnit.SECONDS), "check did not finish");
    assertEquals(0, check.exitValue(), () -> read(tmp.resolve("check.log")) + "\n" + yaml);

    String prefix = enterprise + "/site/browsed/";
    List<String> paths = tagPaths(yaml);
    assertEquals(33, paths.size(), yaml);
    try (Recorder probe = Recorder.subscribe("tcp://127.0.0.1:1883", enterprise + "/#")) {
      ProcessBuilder run = new ProcessBuilder(java(), "-jar", jar.toString(), "run", "--config",
          config.toString()).directory(tmp.toFile()).redirectErrorStream(true)
          .redirectOutput(tmp.resolve("run.log").toFile());
      run.environment().put("FLOORGATE_MQTT_URL", "tcp://127.0.0.1:1883");
      processes.add(run.start());

      assertEveryTagRight(probe, prefix, paths, "first start");

      // Restart with the namespaces registered the other way round: both indexes swap, and the
      // two variables with the identifier s=Shared.Value swap with them.
      stop(server);
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        JsonNode v = probe.latest(prefix + "process/kiln/value");
        return v != null && !"GOOD".equals(v.path("quality").asText());
      });
      server = startServer(port, "ba", true);
      assertEveryTagRight(probe, prefix, paths, "after the restart with namespaces reordered");
    }

    // The same server, namespaces in the other order and its limits no longer published: the
    // browse splits what the server refuses and writes the same config, path for path.
    Path again = tmp.resolve("again.yaml");
    String againLog = browse(jar, url, enterprise, again, "browse-again.log");
    assertTrue(againLog.contains("refused"), "the browse halves refused requests:\n" + againLog);
    assertEquals(yaml, Files.readString(again));
  }

  private void assertEveryTagRight(Recorder probe, String prefix, List<String> paths,
      String when) {
    Map<String, String[]> expected = expected();
    assertTrue(paths.containsAll(expected.keySet()), () -> "browse wrote " + paths);
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> paths.stream().allMatch(p -> {
        JsonNode r = probe.latest(prefix + p);
        return r != null && "GOOD".equals(r.path("quality").asText())
            && (!expected.containsKey(p) || same(expected.get(p)[0], r.path("value")));
      }));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      StringBuilder wrong = new StringBuilder(when + ": not every tag is GOOD and right:\n");
      for (String p : paths) {
        JsonNode r = probe.latest(prefix + p);
        String[] want = expected.get(p);
        if (r == null || !"GOOD".equals(r.path("quality").asText())
            || want != null && !same(want[0], r.path("value"))) {
          wrong.append("  ").append(p).append(": ").append(r)
              .append(want == null ? "" : " (want " + want[0] + ")").append('\n');
        }
      }
      throw new AssertionError(wrong + read(tmp.resolve("run.log")), e);
    }
    for (Map.Entry<String, String[]> e : expected.entrySet()) {
      JsonNode reading = probe.latest(prefix + e.getKey());
      String unit = e.getValue()[1];
      assertEquals(unit, reading.path("unit").isNull() ? null : reading.path("unit").asText(),
          when + ": " + e.getKey() + ": " + reading);
    }
  }

  private static boolean same(String expectedJson, JsonNode actual) {
    try {
      JsonNode expected = JSON.readTree(expectedJson);
      if (expected.isNumber()) {
        return actual.isNumber() && expected.asDouble() == actual.asDouble();
      }
      if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
        for (int i = 0; i < expected.size(); i++) {
          if (!same(expected.get(i).toString(), actual.get(i))) {
            return false;
          }
        }
        return true;
      }
      return expected.equals(actual);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The tag paths of a browse's config, in file order. */
  private static List<String> tagPaths(String yaml) {
    List<String> paths = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\s*- path: (.+)$").matcher(yaml);
    while (m.find()) {
      paths.add(m.group(1).strip());
    }
    return paths;
  }

  private String browse(Path jar, String url, String enterprise, Path out, String log)
      throws Exception {
    Process browse = new ProcessBuilder(java(), "-jar", jar.toString(), "browse", url, "--out",
        out.toString(), "--enterprise", enterprise, "--pki", tmp.resolve("pki").toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile()).start();
    processes.add(browse);
    assertTrue(browse.waitFor(120, TimeUnit.SECONDS), "browse did not finish");
    String text = read(tmp.resolve(log));
    assertEquals(0, browse.exitValue(), text);
    return text;
  }

  private Process startServer(int port, String order, boolean hideLimits) throws IOException {
    List<String> command = new ArrayList<>(List.of("node", "vendor-server.js",
        Integer.toString(port), tmp.resolve("node-pki").toString(), order));
    if (hideLimits) {
      command.add("hide-limits");
    }
    List<String> out = new CopyOnWriteArrayList<>();
    Path err = tmp.resolve("node-" + order + ".err");
    Process p = new ProcessBuilder(command).directory(NODE_PROJECT.toFile())
        .redirectError(err.toFile()).start();
    processes.add(p);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          out.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "vendor-server-stdout");
    reader.setDaemon(true);
    reader.start();
    await().atMost(Duration.ofSeconds(90))
        .until(() -> out.stream().anyMatch(l -> l.startsWith("READY")) || !p.isAlive());
    assertTrue(p.isAlive(), () -> "the vendor server did not start: " + read(err));
    return p;
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
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
