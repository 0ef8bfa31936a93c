package io.floorgate.sim;

import io.floorgate.driver.Secret;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the simulated PLCs are secured.
 *
 * <p>Unsecured (the default for tests and {@code demo}): one endpoint, security None, anonymous.
 * Secured: endpoints for every signed policy (Basic128Rsa15, Basic256, Basic256Sha256,
 * Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss), each Sign and SignAndEncrypt, for one user name and
 * password; no None endpoint and no anonymous access, as on a locked-down PLC.
 *
 * @param secured         whether to offer the signed endpoints instead of the None one
 * @param username        the one user the PLCs accept
 * @param password        that user's password
 * @param pkiDir          where each PLC keeps its certificate ({@code <plc>/own}), trusted client
 *                        certificates ({@code <plc>/trusted/certs}) and refused ones
 *                        ({@code <plc>/rejected}); null keeps everything in memory (tests)
 * @param trustAllClients accept every client certificate (demo mode, and how {@code floorgate sim}
 *                        runs unless told otherwise); false checks the PLC's trust list
 */
public record SimSecurity(boolean secured, String username, Secret password,
    @Nullable Path pkiDir, boolean trustAllClients) {

  public SimSecurity {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (secured && (username.isBlank() || password.isEmpty())) {
      throw new IllegalArgumentException("a secured simulator needs a user name and a password");
    }
  }

  public static SimSecurity none() {
    return new SimSecurity(false, "", Secret.of(""), null, true);
  }

  /** Secured, certificates in memory, every client certificate accepted. */
  public static SimSecurity secured(String username, String password) {
    return new SimSecurity(true, username, Secret.of(password), null, true);
  }

  public SimSecurity withPki(@Nullable Path dir, boolean trustAll) {
    return new SimSecurity(secured, username, password, dir, trustAll);
  }
}
