package io.floorgate.config;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * TLS towards the broker ({@code mqtt.tls:} in YAML). The broker's certificate is verified
 * against the CA certificates in {@code caFile}, and its host name against the certificate; a
 * client certificate is presented when {@code certFile} and {@code keyFile} are given.
 *
 * @param caFile   PEM file with the CA certificate(s) the broker's certificate must chain to
 * @param certFile PEM client certificate (chain), or null for none
 * @param keyFile  the client certificate's private key, unencrypted PEM (PKCS#8 or PKCS#1/SEC1);
 *                 null exactly when {@code certFile} is
 */
public record TlsConfig(Path caFile, @Nullable Path certFile, @Nullable Path keyFile) {

  public TlsConfig {
    Objects.requireNonNull(caFile, "caFile");
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("certFile and keyFile go together: give both or neither");
    }
  }
}
