package io.floorgate.broker;

import io.floorgate.config.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;

/**
 * TLS sockets for the broker connection from PEM files: the broker's certificate must chain to the
 * CA file (and Paho checks its host name), and a client certificate is presented when one is
 * configured. Only these CAs are trusted, not the JVM's default list: a plant broker's certificate
 * comes from the plant's own CA.
 */
final class TlsSockets {

  private static final char[] IN_MEMORY_PASSWORD = "floorgate".toCharArray();

  private TlsSockets() {}

  /**
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static SSLSocketFactory of(TlsConfig tls) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(tls), trustManagers(tls.caFile()).getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("mqtt.tls cannot be set up: " + e.getMessage(), e);
    }
  }

  private static TrustManagerFactory trustManagers(Path caFile) throws GeneralSecurityException {
    List<Certificate> cas = certificates(caFile, "mqtt.tls.caFile");
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try {
      trusted.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    for (int i = 0; i < cas.size(); i++) {
      trusted.setCertificateEntry("ca-" + i, cas.get(i));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    return factory;
  }

  private static KeyManager @Nullable [] keyManagers(TlsConfig tls)
      throws GeneralSecurityException {
    Path certFile = tls.certFile();
    Path keyFile = tls.keyFile();
    if (certFile == null || keyFile == null) {
      return null;
    }
    List<Certificate> chain = certificates(certFile, "mqtt.tls.certFile");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try {
      keys.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    keys.setKeyEntry("client", privateKey(keyFile), IN_MEMORY_PASSWORD,
        chain.toArray(Certificate[]::new));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, IN_MEMORY_PASSWORD);
    return factory.getKeyManagers();
  }

  private static List<Certificate> certificates(Path file, String key) {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> certs =
          new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(key + " " + file + " holds no certificate; give a PEM"
            + " file (-----BEGIN CERTIFICATE-----)");
      }
      return certs;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(key + " " + file + " is not a readable PEM certificate"
          + " file: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser pem = new PEMParser(reader)) {
      Object object = pem.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (object instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      throw new IllegalArgumentException("mqtt.tls.keyFile " + file + " holds no unencrypted"
          + " private key (found " + (object == null ? "nothing" : object.getClass().getSimpleName())
          + "); give a PEM key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA/EC PRIVATE KEY-----)"
          + ", e.g. openssl pkcs8 -topk8 -nocrypt -in key.pem");
    } catch (IOException e) {
      throw new IllegalArgumentException("mqtt.tls.keyFile " + file + " cannot be read: "
          + e.getMessage(), e);
    }
  }
}
