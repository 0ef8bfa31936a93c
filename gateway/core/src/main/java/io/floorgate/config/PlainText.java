package io.floorgate.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * When a lane may speak plain MQTT ({@code tcp://}, {@code ws://}) to a broker on another host.
 * Without a {@code tls:} section a lane's list may still name such a broker, and Paho then
 * connects to it silently: a password crosses the network in clear, and a list that also names
 * {@code ssl://} brokers falls back from TLS without a word. Both are refused unless
 * {@code mqtt.allowPlainText: true} says the network is trusted. A broker on this host
 * ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}) never leaves it, and is always allowed.
 */
final class PlainText {

  private static final String FIX = "use ssl:// with a tls: section, or set "
      + "mqtt.allowPlainText: true if this network is trusted";

  private final boolean allowed;

  PlainText(boolean allowed) {
    this.allowed = allowed;
  }

  /**
   * Checks a lane beside the telemetry one (alarms, Sparkplug): its own list at {@code key} when
   * it names one, or, when it inherits {@code mqtt.urls} but logs in with its own password, those.
   * With {@code mqtt.tls} set every lane speaks TLS, checked elsewhere.
   */
  void checkLane(YamlMap map, String key, List<String> urls, @Nullable String password,
      MqttConfig mqtt) {
    boolean login = password != null && !password.isBlank();
    if (mqtt.tls() != null || urls.isEmpty()) {
      return;
    }
    if (map.has(key)) {
      check(map, key, urls, login);
    } else if (login && map.has("password")) {
      checkInherited(map, "password", urls);
    }
  }

  /**
   * Checks the lane's own broker list, at {@code key} of {@code map} ({@code url}, {@code urls}
   * or {@code brokers}); each URL already checked as a broker URL, in the order of the list.
   *
   * @param password whether the lane logs in with a password (its own or the one it inherits)
   */
  void check(YamlMap map, String key, List<String> urls, boolean password) {
    if (allowed) {
      return;
    }
    String secure = urls.stream().filter(u -> !isPlainText(u)).findFirst().orElse(null);
    Node value = map.value(key);
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i);
      String problem = problem(url, secure, password);
      if (problem != null) {
        Node at = value instanceof SequenceNode list && i < list.getValue().size()
            ? list.getValue().get(i) : value;
        map.problems().add(at, map.child(key) + (value instanceof SequenceNode
            ? "[" + i + "]" : ""), problem);
      }
    }
  }

  /**
   * Checks a lane that logs in with its own password ({@code key}) to the brokers it inherits
   * from {@code mqtt.urls}; those are checked there for the telemetry lane's own password.
   */
  private void checkInherited(YamlMap map, String key, List<String> urls) {
    if (allowed) {
      return;
    }
    String secure = urls.stream().filter(u -> !isPlainText(u)).findFirst().orElse(null);
    for (String url : urls) {
      String problem = problem(url, secure, true);
      if (problem != null) {
        map.error(key, problem);
        return;
      }
    }
  }

  private static @Nullable String problem(String url, @Nullable String secure,
      boolean password) {
    if (!isPlainText(url) || isLocal(url) || (secure == null && !password)) {
      return null;
    }
    return "broker " + url + " is plain text while " + (secure != null
        ? secure + " in the same list is TLS, so a fail-over would drop TLS without a word"
            + (password ? "; a password would cross the network in clear" : "")
        : "this lane logs in with a password; it would cross the network in clear")
        + ": " + FIX;
  }

  static boolean isPlainText(String url) {
    String scheme = URI.create(url.strip()).getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("tcp") || scheme.equals("ws");
  }

  /** Whether the broker is on this host: by name or loopback address, without a DNS lookup. */
  static boolean isLocal(String url) {
    String host = URI.create(url.strip()).getHost();
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.endsWith(".localhost") || h.equals("[::1]")
        || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }
}
