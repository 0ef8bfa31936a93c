package io.floorgate.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The mail server of an e-mail receiver ({@code smtp:}).
 *
 * <p>Defaults: {@code port} 587 with {@code starttls}, 465 with {@code tls}, 25 with
 * {@code none}; {@code security} starttls; no login when {@code username} is absent.
 *
 * @param host     the SMTP server
 * @param port     its port
 * @param security how the connection is protected
 * @param username the login; null for none
 * @param password the login's password (from the environment); null for none
 */
public record SmtpConfig(String host, int port, Security security, @Nullable String username,
    @Nullable String password) {

  /** How the SMTP connection is protected. */
  public enum Security {
    /** Plain SMTP that must switch to TLS ({@code STARTTLS}) before anything else is said. */
    STARTTLS,
    /** TLS from the first byte (SMTPS). */
    TLS,
    /** No protection: for a relay on this host or a trusted network only. */
    NONE;

    public int defaultPort() {
      return switch (this) {
        case STARTTLS -> 587;
        case TLS -> 465;
        case NONE -> 25;
      };
    }
  }

  public SmtpConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Checks.within("port", port, 1, 65_535);
  }

  @Override
  public String toString() {
    return "SmtpConfig[host=" + host + ", port=" + port + ", security=" + security
        + ", username=" + username + (password == null ? "" : ", password=***") + "]";
  }
}
