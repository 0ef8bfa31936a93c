package io.floorgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.floorgate.config.ConfigException;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container and service files of deploy/ as the kubelet, compose and systemd read them: a
 * numeric user the manifest names, an API reachable from outside the container, volumes that
 * keep certificates, and a unit whose documentation is installed.
 */
class DeployFilesTest {

  static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
      .resolve("../..").normalize();
  static final Path DEPLOY = ROOT.resolve("deploy");

  private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$");

  @Test
  void theImageRunsAsTheNumericUserThatTheManifestRequires() throws IOException {
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    Matcher user = USER.matcher(dockerfile);
    assertTrue(user.find(), "Dockerfile has a USER line");
    Matcher ids = Pattern.compile("(\\d+):(\\d+)").matcher(user.group(1));
    assertTrue(ids.matches(),
        "USER " + user.group(1) + " must be numeric (uid:gid), or runAsNonRoot refuses the pod");
    long uid = Long.parseLong(ids.group(1));
    long gid = Long.parseLong(ids.group(2));
    assertTrue(uid > 0 && gid > 0, "a non-root uid and gid");
    assertTrue(dockerfile.contains("--uid " + uid) && dockerfile.contains("--gid " + gid),
        "the image's floorgate user has the ids USER names");

    Map<String, Object> security = map(path(statefulSet(), "spec", "template", "spec",
        "securityContext"));
    assertEquals(Boolean.TRUE, security.get("runAsNonRoot"));
    assertEquals(uid, ((Number) security.get("runAsUser")).longValue(), "runAsUser");
    assertEquals(gid, ((Number) security.get("runAsGroup")).longValue(), "runAsGroup");
    assertEquals(gid, ((Number) security.get("fsGroup")).longValue(),
        "fsGroup: the state volume is writable by the image's group");
  }

  @Test
  void theImageBindsTheApiOnEveryInterfaceThroughTheConfigItCarries() throws Exception {
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    assertTrue(Pattern.compile("(?m)^\\s*(ENV\\s+)?FLOORGATE_API_BIND=0\\.0\\.0\\.0\\b")
        .matcher(dockerfile).find(), "the image sets FLOORGATE_API_BIND=0.0.0.0");

    // The config the image carries (COPY config/isohara.yaml) and the manifest's ConfigMap both
    // take the bind from the variable, so the image's setting reaches the API server.
    Map<String, String> env = Map.of("FLOORGATE_API_BIND", "0.0.0.0",
        "FLOORGATE_MQTT_URL", "tcp://127.0.0.1:1883", "FLOORGATE_PLC_HOST", "127.0.0.1",
        "FLOORGATE_PLC_PASSWORD", "a-site-password", "FLOORGATE_TRUST_ON_FIRST_USE", "false",
        "FLOORGATE_API_TOKEN", "4f1c9a7e2b8d6035c1e7a9f4b2d8c60e3a5f7b9d1c2e4a6f");
    assertTrue(dockerfile.contains("COPY config/isohara.yaml /etc/floorgate/floorgate.yaml"));
    GatewayConfig image = ConfigLoader.load(ROOT.resolve("config/isohara.yaml"), env);
    assertEquals("0.0.0.0", image.api().bind());
    assertEquals("0.0.0.0", kubernetesConfig(env).api().bind());
  }

  @Test
  void theManifestsConfigPassesCheck() throws Exception {
    Map<String, String> env = Map.of("FLOORGATE_API_BIND", "0.0.0.0",
        "FLOORGATE_MQTT_URL", "tcp://emqx.mqtt.svc:1883", "FLOORGATE_PLC_HOST", "10.20.1.15",
        "FLOORGATE_PLC_PASSWORD", "a-site-password", "FLOORGATE_TRUST_ON_FIRST_USE", "false",
        "FLOORGATE_API_TOKEN", "4f1c9a7e2b8d6035c1e7a9f4b2d8c60e3a5f7b9d1c2e4a6f");
    GatewayConfig config = kubernetesConfig(env);
    assertEquals(1, config.connections().size());
  }

  @Test
  void composeKeepsTheSimulatorsCertificatesAndTheGatewaysStateInNamedVolumes()
      throws IOException {
    Map<String, Object> compose = map(new Yaml().load(
        Files.readString(DEPLOY.resolve("compose.yaml"))));
    Map<String, Object> declared = map(compose.get("volumes"));
    Map<String, Object> services = map(compose.get("services"));
    for (String service : List.of("sim", "gateway")) {
      Map<String, Object> spec = map(services.get(service));
      List<String> mounts = strings(spec.get("volumes"));
      String state = mounts.stream()
          .filter(m -> m.endsWith(":/var/lib/floorgate"))
          .findFirst()
          .orElseGet(() -> fail(service + " mounts nothing on /var/lib/floorgate: " + mounts));
      String volume = state.substring(0, state.indexOf(':'));
      assertTrue(declared.containsKey(volume), service + "'s " + volume
          + " is a named volume (declared under volumes:), kept by down/up");
    }
    List<String> simCommand = strings(map(services.get("sim")).get("command"));
    int pki = simCommand.indexOf("--pki");
    assertTrue(pki >= 0 && simCommand.get(pki + 1).startsWith("/var/lib/floorgate/"),
        "the simulator's PKI is inside its volume: " + simCommand);
    assertEquals("gateway/lab/target/floorgate-lab.jar",
        map(map(map(services.get("sim")).get("build")).get("args")).get("JAR"),
        "sim is a command of the lab jar");
  }

  @Test
  void theUnitsDocumentationIsInstalledByTheProcedure() throws IOException {
    String unit = Files.readString(DEPLOY.resolve("floorgate.service"));
    String procedure = Files.readString(DEPLOY.resolve("README.md"));
    Matcher documentation = Pattern.compile("(?m)^Documentation=(.+)$").matcher(unit);
    assertTrue(documentation.find());
    for (String url : documentation.group(1).trim().split("\\s+")) {
      if (url.startsWith("file://")) {
        String path = url.substring("file://".length());
        assertTrue(Pattern.compile("(?m)^install .*\\s" + Pattern.quote(path) + "$")
            .matcher(procedure).find(), url + " is installed by deploy/README.md");
      } else {
        assertTrue(url.startsWith("man:") || url.startsWith("https:"), url);
      }
    }
  }

  @Test
  void theServiceTheLauncherAndTheImageStartTheSameJvm() throws IOException {
    String unit = Files.readString(DEPLOY.resolve("floorgate.service"));
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    String launcher = Files.readString(DEPLOY.resolve("floorgate"));
    assertFalse(unit.contains("/usr/bin/java"), "the unit starts java only through floorgate-java");
    assertTrue(unit.contains("ExecStartPre=/opt/floorgate/floorgate-java check"));
    assertTrue(unit.contains("ExecStart=/opt/floorgate/floorgate-java run"));
    assertTrue(dockerfile.contains("ENTRYPOINT [\"/opt/floorgate/floorgate-java\"]"));
    assertTrue(launcher.contains("exec \"$home/floorgate-java\" \"$@\""));
  }

  /** The gateway config of the manifest's ConfigMap, loaded as the pod would load it. */
  private static GatewayConfig kubernetesConfig(Map<String, String> env) throws IOException {
    Map<String, Object> configMap = manifest("ConfigMap");
    String yaml = (String) map(configMap.get("data")).get("floorgate.yaml");
    try {
      return ConfigLoader.parse(yaml, "floorgate-kiln.yaml (ConfigMap)", env);
    } catch (ConfigException e) {
      return fail(e.report());
    }
  }

  private static Map<String, Object> statefulSet() throws IOException {
    return manifest("StatefulSet");
  }

  private static Map<String, Object> manifest(String kind) throws IOException {
    String text = Files.readString(DEPLOY.resolve("kubernetes/floorgate-kiln.yaml"));
    List<Map<String, Object>> kinds = new ArrayList<>();
    for (Object document : new Yaml().loadAll(text)) {
      kinds.add(map(document));
    }
    return kinds.stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
        .orElseGet(() -> fail("no " + kind + " in floorgate-kiln.yaml"));
  }

  private static Object path(Map<String, Object> root, String... keys) {
    Object node = root;
    for (String key : keys) {
      node = map(node).get(key);
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    assertTrue(node instanceof Map, () -> "expected a mapping, found " + node);
    return (Map<String, Object>) node;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object node) {
    assertTrue(node instanceof List, () -> "expected a list, found " + node);
    return (List<String>) node;
  }
}
