package io.floorgate.sparkplug;

import static io.floorgate.sparkplug.TypedEdgeNode.GUID;
import static io.floorgate.sparkplug.TypedEdgeNode.TIME;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge node's DBIRTH and DDATA for the typed-variables PLC, as the broker delivered them,
 * decoded by a Sparkplug decoder Floorgate did not write: Eclipse Tahu's JavaScript codec (npm
 * {@code sparkplug-payload}, pinned by {@code src/test/sparkplug-decoder/package-lock.json}), run
 * with node. Each metric must come out with the datatype of its OPC UA variable and its value.
 */
@Timeout(180)
class SparkplugDecoderInteropTest {

  static final Path DECODER = Path.of("src", "test", "sparkplug-decoder");
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anIndependentDecoderReadsEachMetricWithItsSparkplugType(@TempDir Path dir)
      throws Exception {
    assumeTrue(nodeInstalled(), "node is not on the PATH: the independent Sparkplug decoder "
        + "(npm sparkplug-payload) cannot run; install Node.js (bash .ci/run does) to run this test");
    assertTrue(Files.isDirectory(DECODER.resolve("node_modules").resolve("sparkplug-payload")),
        "sparkplug-payload is not installed: run `npm ci` in " + DECODER.toAbsolutePath()
            + " (bash .ci/run does)");

    List<Path> files = new ArrayList<>();
    try (TypedEdgeNode node = TypedEdgeNode.start()) {
      int ddata = node.change().size();
      await().atMost(TypedEdgeNode.WAIT).until(() -> node.raw("DDATA").size() >= ddata
          && !node.raw("DBIRTH").isEmpty());
      files.add(write(dir, "0-dbirth.bin", node.raw("DBIRTH").get(0)));
      List<byte[]> data = node.raw("DDATA");
      for (int i = 0; i < data.size(); i++) {
        files.add(write(dir, (i + 1) + "-ddata.bin", data.get(i)));
      }
    }
    List<JsonNode> decoded = decode(files);

    Map<String, JsonNode> birth = byName(decoded.get(0), Map.of());
    assertMetric(birth, "typed/uint64", "UInt64", "\"18446744073709551615\"");
    assertMetric(birth, "typed/time", "DateTime", Long.toString(TIME.toEpochMilli()));
    assertMetric(birth, "typed/blob", "Bytes", "\"AAH/gA==\"");
    assertMetric(birth, "typed/guid", "UUID", "\"" + GUID + "\"");
    assertMetric(birth, "typed/label", "String", "null");
    assertTrue(birth.get("typed/label").get("isNull").asBoolean(), "typed/label is_null");
    assertMetric(birth, "typed/counts", "Int32Array", "[1,-2,3]");
    assertMetric(birth, "typed/levels", "DoubleArray", "[1.5,-2.25]");
    assertMetric(birth, "typed/names", "StringArray", "[\"a\",\"b/c\",\"ü\"]");
    assertMetric(birth, "typed/flags", "BooleanArray", "[true,false,true]");

    Map<String, String> aliases = new HashMap<>();
    birth.forEach((name, m) -> aliases.put(m.get("alias").asText(), name));
    Map<String, JsonNode> data = new HashMap<>();
    decoded.subList(1, decoded.size()).forEach(d -> data.putAll(byName(d, aliases)));
    assertMetric(data, "typed/uint64", "UInt64", "\"18446744073709551000\"");
    assertMetric(data, "typed/counts", "Int32Array", "[7,8]");
    assertMetric(data, "typed/label", "String", "\"filled\"");
  }

  private static void assertMetric(Map<String, JsonNode> metrics, String name, String datatype,
      String valueJson) throws IOException {
    JsonNode m = metrics.get(name);
    assertTrue(m != null, () -> name + " not decoded; got " + metrics.keySet());
    assertEquals(datatype, m.get("datatype").asText(), name);
    assertEquals(JSON.readTree(valueJson), m.get("value"), name);
  }

  /** The payload's metrics by name; DATA metrics, which carry an alias only, via the birth's. */
  private static Map<String, JsonNode> byName(JsonNode payload, Map<String, String> aliases) {
    Map<String, JsonNode> metrics = new HashMap<>();
    for (JsonNode m : payload.get("metrics")) {
      String name = m.get("name").isNull() ? aliases.get(m.get("alias").asText())
          : m.get("name").asText();
      metrics.put(name, m);
    }
    return metrics;
  }

  private static List<JsonNode> decode(List<Path> files) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "decode.js"));
    files.forEach(f -> command.add(f.toAbsolutePath().toString()));
    Process node = new ProcessBuilder(command).directory(DECODER.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(node.waitFor(60, TimeUnit.SECONDS), "decode.js did not finish");
    assertEquals(0, node.exitValue(), () -> "decode.js failed; it printed: " + out);
    List<JsonNode> decoded = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        decoded.add(JSON.readTree(line));
      }
    }
    assertEquals(files.size(), decoded.size(), out);
    return decoded;
  }

  private static Path write(Path dir, String name, byte[] payload) throws IOException {
    return Files.write(dir.resolve(name), payload);
  }

  private static boolean nodeInstalled() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
