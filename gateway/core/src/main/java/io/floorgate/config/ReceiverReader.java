package io.floorgate.config;

import io.floorgate.config.ReceiverConfig.ReceiverType;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads one item of {@code notifications.receivers}: its type's address (url, or smtp host) and
 * its secrets, which must come from the environment.
 */
final class ReceiverReader {

  static final List<String> KEYS = List.of("name", "type", "url", "resendEvery", "bearer",
      "hmacSecret", "smtp", "from", "to");
  private static final List<String> SMTP_KEYS = List.of("host", "port", "security", "username",
      "password");
  private static final Map<String, ReceiverType> TYPES = Map.of("alertmanager",
      ReceiverType.ALERTMANAGER, "webhook", ReceiverType.WEBHOOK, "email", ReceiverType.EMAIL);
  private static final Map<String, SmtpConfig.Security> SECURITY = Map.of("starttls",
      SmtpConfig.Security.STARTTLS, "tls", SmtpConfig.Security.TLS, "none",
      SmtpConfig.Security.NONE);

  private final Problems problems;
  private final boolean enabled;

  ReceiverReader(Problems problems, boolean enabled) {
    this.problems = problems;
    this.enabled = enabled;
  }

  @Nullable ReceiverConfig read(YamlMap map) {
    int before = problems.count();
    String name = map.required("name", "alertmanager");
    ReceiverType type = map.has("type") ? map.choice("type", ReceiverType.WEBHOOK, TYPES) : null;
    if (type == null) {
      map.missing("type", "add type: alertmanager, webhook or email");
      return null;
    }
    Duration resend = map.duration("resendEvery", ReceiverConfig.DEFAULT_RESEND_EVERY,
        ReceiverConfig.MIN_RESEND_EVERY, ReceiverConfig.MAX_RESEND_EVERY);
    if (type == ReceiverType.EMAIL) {
      SmtpConfig smtp = smtp(map);
      String from = map.required("from", "floorgate@plant.example");
      List<String> to = map.words("to");
      if (to.isEmpty() && map.value("to") == null) {
        map.missing("to", "add to: [ maintenance@plant.example ]");
      }
      if (problems.count() > before || name == null || smtp == null || from == null
          || to.isEmpty()) {
        return null;
      }
      return ReceiverConfig.email(name.strip(), smtp, from.strip(), to);
    }
    URI url = map.has("url") ? url(map, "url") : null;
    if (!map.has("url")) {
      map.missing("url", type == ReceiverType.ALERTMANAGER
          ? "add url: http://alertmanager.example:9093 (Alertmanager's address)"
          : "add url: https://cmms.example/hooks/floorgate (where the JSON is posted)");
    }
    String bearer = secret(map, "bearer", "FLOORGATE_WEBHOOK_TOKEN");
    String hmac = secret(map, "hmacSecret", "FLOORGATE_WEBHOOK_SECRET");
    if (bearer != null && url != null && url.getScheme().equalsIgnoreCase("http")
        && !Secrets.isLoopback(url.getHost())) {
      map.error("bearer", "would cross the network in clear to " + url.getHost() + ": use an "
          + "https:// url, or hmacSecret (a signature, not a secret on the wire) instead");
    }
    if (problems.count() > before || name == null || url == null) {
      return null;
    }
    return type == ReceiverType.ALERTMANAGER
        ? ReceiverConfig.alertmanager(name.strip(), url, resend)
        : ReceiverConfig.webhook(name.strip(), url, bearer, hmac);
  }

  private @Nullable SmtpConfig smtp(YamlMap receiver) {
    if (!receiver.has("smtp")) {
      receiver.missing("smtp", "add smtp: { host: mail.example, port: 587, security: starttls }");
      return null;
    }
    YamlMap map = receiver.map("smtp", SMTP_KEYS);
    if (map == null) {
      return null;
    }
    String host = map.required("host", "mail.example");
    SmtpConfig.Security security = map.choice("security", SmtpConfig.Security.STARTTLS, SECURITY);
    int port = map.integer("port", security.defaultPort(), 1, 65_535);
    String username = map.string("username");
    username = username == null || username.isBlank() ? null : username.strip();
    String password = secret(map, "password", "FLOORGATE_SMTP_PASSWORD");
    if (password != null && host != null && security == SmtpConfig.Security.NONE
        && !Secrets.isLoopback(host.strip())) {
      map.error("password", "would cross the network in clear to " + host.strip() + " with "
          + "security: none: use security: starttls (port 587) or tls (port 465)");
    }
    if (username != null && password == null && enabled) {
      map.error("password", "the login " + username + " has no password: write password: "
          + "${FLOORGATE_SMTP_PASSWORD} and set FLOORGATE_SMTP_PASSWORD (in "
          + "/etc/floorgate/floorgate.env, or the container's environment or Secret)");
    }
    return host == null ? null : new SmtpConfig(host.strip(), port, security, username,
        password);
  }

  /**
   * A secret, which must come from the environment ({@code ${VAR}}): a literal is refused (the
   * file is shared and backed up), so is a placeholder; an unset variable only when enabled.
   */
  private @Nullable String secret(YamlMap map, String key, String variable) {
    if (map.value(key) == null) {
      return null;
    }
    if (Secrets.references(map, key).isEmpty()) {
      map.error(key, "is written in the file; write " + key + ": ${" + variable + "} and set "
          + variable + " (in /etc/floorgate/floorgate.env, or the container's environment or "
          + "Secret)");
      return null;
    }
    String value = map.string(key);
    if (value == null || value.isBlank()) {
      // Only an explicit empty default (${VAR:-}) gets here: an unset variable without one is
      // an error of its own. Empty means none, e.g. no login.
      return null;
    }
    String placeholder = Secrets.placeholder(value);
    if (placeholder != null) {
      map.error(key, "is a placeholder ('" + placeholder + "'), not a secret; "
          + Secrets.howToSet(map, key, variable));
      return null;
    }
    return value;
  }

  static @Nullable URI url(YamlMap map, String key) {
    String text = map.string(key);
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    map.error(key, "'" + text + "' is not an http:// or https:// URL with a host; e.g. "
        + "http://alertmanager.example:9093");
    return null;
  }

}
