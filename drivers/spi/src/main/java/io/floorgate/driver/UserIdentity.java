package io.floorgate.driver;

import java.nio.file.Path;
import java.util.Objects;

/** Who the gateway says it is when it opens a session: nobody, a user, or a certificate. */
public sealed interface UserIdentity {

  /** The anonymous identity. */
  record Anonymous() implements UserIdentity {}

  /** A user name and password; the password never appears in {@code toString}. */
  record UserName(String username, Secret password) implements UserIdentity {
    public UserName {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }
  }

  /**
   * An X.509 user certificate and its private key, both files (DER or PEM certificate, PKCS#8
   * PEM or DER key).
   */
  record X509(Path certificate, Path privateKey) implements UserIdentity {
    public X509 {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(privateKey, "privateKey");
    }
  }

  static UserIdentity anonymous() {
    return new Anonymous();
  }
}
