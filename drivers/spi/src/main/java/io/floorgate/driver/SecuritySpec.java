package io.floorgate.driver;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a connection is secured.
 *
 * @param policy          the security policy of the endpoint to use
 * @param mode            the message security mode; {@link SecurityMode#NONE} exactly when the
 *                        policy is {@link SecurityPolicy#NONE}
 * @param identity        the user identity of the session
 * @param pkiDir          the gateway's PKI directory: its own certificate ({@code own/}), the
 *                        trusted server certificates ({@code trusted/certs}) and the refused ones
 *                        ({@code rejected/}); created on first use
 * @param trustOnFirstUse trust the first certificate this connection's server presents (pinned in
 *                        {@code trusted/certs}); a different certificate later is refused. Off by
 *                        default: a plant trusts certificates with {@code floorgate trust}
 */
public record SecuritySpec(
    SecurityPolicy policy,
    SecurityMode mode,
    UserIdentity identity,
    Path pkiDir,
    boolean trustOnFirstUse) {

  /** The PKI directory when none is configured, relative to the working directory. */
  public static final Path DEFAULT_PKI_DIR = Path.of("pki");

  public SecuritySpec {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(pkiDir, "pkiDir");
    if ((policy == SecurityPolicy.NONE) != (mode == SecurityMode.NONE)) {
      throw new IllegalArgumentException("security policy " + policy.specName() + " with mode "
          + mode.specName() + ": policy None goes with mode None, and only with it");
    }
  }

  /** No security, anonymous: what the simulator's plain endpoint and the demo use. */
  public static SecuritySpec none() {
    return new SecuritySpec(SecurityPolicy.NONE, SecurityMode.NONE, UserIdentity.anonymous(),
        DEFAULT_PKI_DIR, false);
  }

  public boolean isSecured() {
    return policy != SecurityPolicy.NONE;
  }

  /** For log lines: "Basic256Sha256/SignAndEncrypt, user 'floorgate'" — never a password. */
  public String describe() {
    String who;
    if (identity instanceof UserIdentity.UserName u) {
      who = "user '" + u.username() + "'";
    } else if (identity instanceof UserIdentity.X509 x) {
      who = "X.509 user certificate " + x.certificate();
    } else {
      who = "anonymous";
    }
    return isSecured() ? policy.specName() + "/" + mode.specName() + ", " + who
        : "security None, " + who;
  }
}
