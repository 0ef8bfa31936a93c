package io.floorgate.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One receiver of notifications (an item of {@code notifications.receivers}).
 *
 * <p>Defaults and bounds: {@code resendEvery} 1m (10s–4m: below Alertmanager's default
 * {@code resolve_timeout} of 5m, so an active alert does not resolve by itself). Secrets
 * ({@code bearer}, {@code hmacSecret}, the SMTP password) come from the environment
 * ({@code ${VAR}}); {@link #toString} never shows them.
 *
 * @param name        unique; what routes name, and the {@code receiver} tag of the meters
 * @param type        what it is
 * @param url         ALERTMANAGER: Alertmanager's base URL; WEBHOOK: the URL posted to
 * @param resendEvery ALERTMANAGER: how often active alerts are sent again
 * @param bearer      WEBHOOK: an {@code Authorization: Bearer} token; null for none
 * @param hmacSecret  WEBHOOK: the key of the {@code X-Floorgate-Signature} HMAC-SHA256; null for none
 * @param smtp        EMAIL: the mail server
 * @param from        EMAIL: the sender address
 * @param to          EMAIL: the recipients, at least one
 */
public record ReceiverConfig(
    String name,
    ReceiverType type,
    @Nullable URI url,
    Duration resendEvery,
    @Nullable String bearer,
    @Nullable String hmacSecret,
    @Nullable SmtpConfig smtp,
    @Nullable String from,
    List<String> to) {

  public static final Duration DEFAULT_RESEND_EVERY = Duration.ofMinutes(1);
  public static final Duration MIN_RESEND_EVERY = Duration.ofSeconds(1);
  public static final Duration MAX_RESEND_EVERY = Duration.ofMinutes(4);

  /** What a receiver is. */
  public enum ReceiverType {
    ALERTMANAGER, WEBHOOK, EMAIL;

    /** The word in YAML. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ReceiverConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Checks.within("resendEvery", resendEvery, MIN_RESEND_EVERY, MAX_RESEND_EVERY);
    to = List.copyOf(to);
    if (type != ReceiverType.EMAIL && url == null) {
      throw new IllegalArgumentException("receiver " + name + " needs a url");
    }
    if (type == ReceiverType.EMAIL && (smtp == null || from == null || to.isEmpty())) {
      throw new IllegalArgumentException("receiver " + name + " needs smtp, from and to");
    }
  }

  /** An Alertmanager receiver. */
  public static ReceiverConfig alertmanager(String name, URI url, Duration resendEvery) {
    return new ReceiverConfig(name, ReceiverType.ALERTMANAGER, url, resendEvery, null, null, null,
        null, List.of());
  }

  /** A webhook receiver. */
  public static ReceiverConfig webhook(String name, URI url, @Nullable String bearer,
      @Nullable String hmacSecret) {
    return new ReceiverConfig(name, ReceiverType.WEBHOOK, url, DEFAULT_RESEND_EVERY, bearer,
        hmacSecret, null, null, List.of());
  }

  /** An e-mail receiver. */
  public static ReceiverConfig email(String name, SmtpConfig smtp, String from, List<String> to) {
    return new ReceiverConfig(name, ReceiverType.EMAIL, null, DEFAULT_RESEND_EVERY, null, null,
        smtp, from, to);
  }

  @Override
  public String toString() {
    return "ReceiverConfig[name=" + name + ", type=" + type.word() + ", url=" + url
        + (bearer == null ? "" : ", bearer=***") + (hmacSecret == null ? "" : ", hmacSecret=***")
        + (smtp == null ? "" : ", smtp=" + smtp) + (from == null ? "" : ", from=" + from)
        + (to.isEmpty() ? "" : ", to=" + to) + "]";
  }
}
