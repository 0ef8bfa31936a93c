package io.floorgate.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code mqtt:}: the brokers, the client's identity and credentials, TLS. */
final class MqttReader {

  static final List<String> KEYS = List.of("url", "urls", "clientId", "qos", "maxInFlight",
      "connectTimeout", "keepAlive", "username", "password", "passwordFile", "tls",
      "queueCapacity", "protocol", "allowPlainText", "reconnect", "connections");
  private static final List<String> RECONNECT_KEYS = List.of("initialDelay", "maxDelay");
  static final String PASSWORD_VARIABLE = "FLOORGATE_MQTT_PASSWORD";
  private static final List<String> TLS_KEYS = List.of("caFile", "certFile", "keyFile");

  private final Problems problems;
  private PlainText plainText = new PlainText(false);

  MqttReader(Problems problems) {
    this.problems = problems;
  }

  @Nullable MqttConfig read(YamlMap top, @Nullable String site) {
    if (!top.has("mqtt")) {
      top.missing("mqtt", "add mqtt: { url: tcp://<broker>:1883 }");
      return null;
    }
    YamlMap map = top.map("mqtt", KEYS);
    if (map == null) {
      return null;
    }
    int before = problems.count();
    List<String> urls = urls(map);
    String clientId = map.string("clientId");
    if (clientId != null && clientId.isBlank()) {
      map.error("clientId", "is empty; remove it for the default floorgate-<site>, or name "
          + "this gateway uniquely on the broker");
    }
    int qos = map.integer("qos", MqttConfig.DEFAULT_QOS, 0, Integer.MAX_VALUE);
    if (qos > 1) {
      map.error("qos", "QoS " + qos + " is not used for telemetry; use 1 (at least once) or 0 "
          + "(at most once)");
    }
    int maxInFlight = map.integer("maxInFlight", MqttConfig.DEFAULT_MAX_IN_FLIGHT, 1,
        MqttConfig.MAX_MAX_IN_FLIGHT);
    int connections = map.integer("connections", MqttConfig.DEFAULT_CONNECTIONS, 1,
        MqttConfig.MAX_CONNECTIONS);
    if (map.has("queueCapacity")) {
      map.error("queueCapacity", "readings now wait in the store-and-forward buffer on disk;"
          + " remove this key and size the buffer with buffer.maxBytes");
    }
    var connectTimeout = map.duration("connectTimeout", MqttConfig.DEFAULT_CONNECT_TIMEOUT,
        MqttConfig.MIN_CONNECT_TIMEOUT, MqttConfig.MAX_CONNECT_TIMEOUT);
    var keepAlive = map.duration("keepAlive", MqttConfig.DEFAULT_KEEP_ALIVE,
        MqttConfig.MIN_KEEP_ALIVE, MqttConfig.MAX_KEEP_ALIVE);
    String username = map.string("username");
    String password = password(map);
    TlsConfig tls = tls(map, urls);
    plainText = new PlainText(map.bool("allowPlainText", false));
    if (tls == null && !map.has("tls")) {
      plainText.check(map, map.has("urls") ? "urls" : "url", urls,
          password != null && !password.isBlank());
    }
    MqttProtocol protocol = protocol(map, MqttProtocol.AUTO);
    ReconnectConfig reconnect = reconnect(map);
    if (problems.count() > before || urls.isEmpty()) {
      return null;
    }
    return new MqttConfig(urls,
        clientId != null ? clientId.strip() : MqttConfig.defaultClientId(site == null ? "" : site),
        qos, maxInFlight, connectTimeout, username, password, tls, keepAlive, protocol,
        reconnect, connections);
  }

  /** {@code reconnect: {initialDelay, maxDelay}}; maxDelay at least initialDelay. */
  private static ReconnectConfig reconnect(YamlMap mqtt) {
    YamlMap map = mqtt.map("reconnect", RECONNECT_KEYS);
    if (map == null) {
      return ReconnectConfig.defaults();
    }
    Duration initial = map.duration("initialDelay", ReconnectConfig.DEFAULT_INITIAL_DELAY,
        ReconnectConfig.MIN_DELAY, ReconnectConfig.MAX_DELAY);
    Duration fallbackMax = initial.compareTo(ReconnectConfig.DEFAULT_MAX_DELAY) > 0 ? initial
        : ReconnectConfig.DEFAULT_MAX_DELAY;
    Duration max = map.duration("maxDelay", fallbackMax, ReconnectConfig.MIN_DELAY,
        ReconnectConfig.MAX_DELAY);
    if (max.compareTo(initial) < 0) {
      map.error("maxDelay", Durations.format(max) + " is below initialDelay "
          + Durations.format(initial) + "; make maxDelay at least " + Durations.format(initial));
      max = initial;
    }
    return new ReconnectConfig(initial, max);
  }

  /** Whether lanes may speak plain text to other hosts ({@code mqtt.allowPlainText}), once read. */
  PlainText plainText() {
    return plainText;
  }

  /**
   * A lane's {@code protocol:} (5, 3.1.1 or auto), {@code fallback} when absent. YAML reads
   * {@code 5} as a number and {@code 3.1.1} as text; both arrive here as the words they are.
   */
  static MqttProtocol protocol(YamlMap map, MqttProtocol fallback) {
    String text = map.string("protocol");
    if (text == null) {
      return fallback;
    }
    MqttProtocol protocol = MqttProtocol.byWord().get(text.strip().toLowerCase(Locale.ROOT));
    if (protocol == null) {
      map.error("protocol", "'" + text.strip() + "' is not an MQTT version the gateway speaks; "
          + "write 5, 3.1.1, or auto (MQTT 5, and 3.1.1 with brokers that refuse 5)");
      return fallback;
    }
    return protocol;
  }

  /**
   * A lane's own brokers ({@code url} or {@code urls} in its section), each checked, and plain
   * text refused when {@code mqtt.tls} is set; {@code mqtt.urls} when the section names none.
   * Empty when something is wrong (reported).
   */
  List<String> laneUrls(YamlMap map, MqttConfig mqtt) {
    if (!map.has("url") && !map.has("urls")) {
      return mqtt.urls();
    }
    int before = problems.count();
    List<String> urls = urls(map);
    for (String url : urls) {
      String problem = plainTextProblem(url, mqtt.tls());
      if (problem != null) {
        map.error(map.has("urls") ? "urls" : "url", problem);
      }
    }
    return problems.count() > before ? List.of() : urls;
  }

  /** {@code url: one} or {@code urls: [first, second]}: exactly one of them. */
  private List<String> urls(YamlMap map) {
    List<String> urls = new ArrayList<>();
    if (map.has("url") && map.has("urls")) {
      map.error("urls", "give either url (one broker) or urls (brokers tried in order), not both");
      return urls;
    }
    if (!map.has("urls")) {
      String url = map.required("url", "tcp://127.0.0.1:1883");
      if (url != null && checkUrl(map, "url", url)) {
        urls.add(url.strip());
      }
      return urls;
    }
    List<Node> items = map.nonEmptyList("urls", "list the brokers in the order to try them, "
        + "e.g. [ssl://broker-a:8883, ssl://broker-b:8883]");
    for (int i = 0; i < items.size(); i++) {
      String url = Scalars.scalar(items.get(i), map.child("urls") + "[" + i + "]", problems);
      if (url != null) {
        String problem = brokerUrlProblem(url);
        if (problem != null) {
          problems.add(items.get(i), map.child("urls") + "[" + i + "]", problem);
        } else {
          urls.add(url.strip());
        }
      }
    }
    return urls.size() == items.size() ? urls : List.of();
  }

  private static boolean checkUrl(YamlMap map, String key, String url) {
    String problem = brokerUrlProblem(url);
    if (problem != null) {
      map.error(key, problem);
    }
    return problem == null;
  }

  private @Nullable String password(YamlMap map) {
    String password = Secrets.brokerPassword(map, "password", PASSWORD_VARIABLE);
    if (!map.has("passwordFile")) {
      return password;
    }
    if (password != null) {
      map.error("passwordFile", "give either password (e.g. ${FLOORGATE_MQTT_PASSWORD}) or "
          + "passwordFile, not both");
      return null;
    }
    Path file = readableFile(map, "passwordFile");
    if (file == null) {
      return null;
    }
    try {
      // The first line is the password; editors and echo add a newline that is not part of it.
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String first = text.lines().findFirst().orElse("");
      if (first.isEmpty()) {
        map.error("passwordFile", file + " is empty; write the password on its first line");
        return null;
      }
      return Secrets.fromFile(map, file, first, "broker");
    } catch (IOException e) {
      map.error("passwordFile", "cannot read " + file + ": " + e.getMessage());
      return null;
    }
  }

  private @Nullable TlsConfig tls(YamlMap map, List<String> urls) {
    if (!map.has("tls")) {
      return null;
    }
    YamlMap tls = map.map("tls", TLS_KEYS);
    if (tls == null) {
      return null;
    }
    for (String url : urls) {
      String scheme = URI.create(url).getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("ssl") && !scheme.equals("wss")) {
        map.error("tls", "is set but broker " + url + " is not TLS; write ssl://host:8883 (or "
            + "wss://), or remove tls");
        return null;
      }
    }
    int before = problems.count();
    Path ca = null;
    if (!tls.has("caFile")) {
      tls.missing("caFile", "add caFile: <PEM file of the CA that signed the broker's "
          + "certificate>");
    } else {
      ca = readableFile(tls, "caFile");
    }
    Path cert = tls.has("certFile") ? readableFile(tls, "certFile") : null;
    Path key = tls.has("keyFile") ? readableFile(tls, "keyFile") : null;
    if (tls.has("certFile") != tls.has("keyFile")) {
      tls.error(tls.has("certFile") ? "certFile" : "keyFile", "a client certificate needs both "
          + "certFile and keyFile (its unencrypted PEM private key)");
    }
    if (problems.count() > before || ca == null) {
      return null;
    }
    return new TlsConfig(ca, cert, key);
  }

  private static @Nullable Path readableFile(YamlMap map, String key) {
    String text = map.string(key);
    if (text == null) {
      return null;
    }
    Path path = Path.of(text.strip());
    if (!Files.isRegularFile(path)) {
      map.error(key, path + " does not exist or is not a file");
      return null;
    }
    if (!Files.isReadable(path)) {
      map.error(key, path + " is not readable by this user; check its permissions");
      return null;
    }
    return path;
  }

  /**
   * With {@code mqtt.tls} set every lane speaks TLS: a plain {@code tcp://} or {@code ws://}
   * broker in a lane's own list is an error, never a silent fall-back to plain text.
   */
  static @Nullable String plainTextProblem(String url, @Nullable TlsConfig tls) {
    if (tls == null) {
      return null;
    }
    String scheme = URI.create(url.strip()).getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("ssl") || scheme.equals("wss") ? null
        : "'" + url + "' is plain text but mqtt.tls is set, and every lane inherits it; write "
            + "ssl://host:8883 (or wss://)";
  }

  static @Nullable String brokerUrlProblem(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return "'" + url + "' is not a URL (" + e.getReason() + "); write tcp://<host>:1883";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "tcp", "ssl", "ws", "wss":
        break;
      case "mqtt":
        return "'" + url + "': Paho names plain MQTT tcp://; write tcp://" + hostPort(uri);
      case "mqtts":
        return "'" + url + "': Paho names MQTT over TLS ssl://; write ssl://" + hostPort(uri);
      default:
        return "'" + url + "' is not a broker URL; start it with tcp://, ssl://, ws:// or "
            + "wss://, e.g. tcp://127.0.0.1:1883";
    }
    if (uri.getHost() == null) {
      return "'" + url + "' has no host name; write " + scheme + "://<host>:<port>";
    }
    return null;
  }

  private static String hostPort(URI uri) {
    return uri.getRawAuthority() == null ? "<host>:<port>" : uri.getRawAuthority();
  }
}
