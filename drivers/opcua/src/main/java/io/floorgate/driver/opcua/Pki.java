package io.floorgate.driver.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's PKI directory: its own application certificate, generated once and kept so that
 * operators trust it once, and the trust list the PLCs' certificates are checked against.
 *
 * <pre>
 * pki/own/floorgate.p12      the gateway's key pair and certificate (keep private)
 * pki/own/floorgate.der      the certificate alone: give it to the PLC to trust
 * pki/trusted/certs/         trusted server certificates (DER); changes apply within a second
 * pki/issuer/certs/, crl/    CA certificates and revocation lists, when a plant uses a CA
 * pki/rejected/              certificates refused so far; `floorgate trust` moves one to trusted
 * pki/pinned/                per connection, the certificate trusted on first use
 * </pre>
 *
 * One instance per directory per JVM, shared by every connection that uses it.
 */
final class Pki {

  private static final Logger log = LoggerFactory.getLogger(Pki.class);
  private static final Map<Path, Pki> OPEN = new ConcurrentHashMap<>();
  /** The keystore is protected by the file's permissions; a password in config would add nothing. */
  private static final char[] STORE_PASSWORD = "floorgate".toCharArray();
  private static final String ALIAS = "floorgate";

  private final Path dir;
  private final KeyPair keyPair;
  private final X509Certificate certificate;
  private final String applicationUri;
  private final FileBasedTrustListManager trustList;
  private final FileBasedCertificateQuarantine rejected;

  private Pki(Path dir, KeyPair keyPair, X509Certificate certificate, String applicationUri,
      FileBasedTrustListManager trustList, FileBasedCertificateQuarantine rejected) {
    this.dir = dir;
    this.keyPair = keyPair;
    this.certificate = certificate;
    this.applicationUri = applicationUri;
    this.trustList = trustList;
    this.rejected = rejected;
  }

  /** Opens (creating on first use) the PKI in {@code dir}. */
  static Pki open(Path dir) {
    Path key = dir.toAbsolutePath().normalize();
    return OPEN.computeIfAbsent(key, Pki::create);
  }

  /** Reads the directory again as a new start would (tests). */
  static Pki reopenForTest(Path dir) {
    return create(dir.toAbsolutePath().normalize());
  }

  private static Pki create(Path dir) {
    if (java.security.Security.getProvider("BC") == null) {
      // Aes256_Sha256_RsaPss needs BouncyCastle's RSASSA-PSS.
      java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
    }
    try {
      Files.createDirectories(dir.resolve("own"));
      Files.createDirectories(dir.resolve("rejected"));
      Files.createDirectories(dir.resolve("pinned"));
      Path store = ownStore(dir);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      if (Files.exists(store)) {
        try (InputStream in = Files.newInputStream(store)) {
          ks.load(in, STORE_PASSWORD);
        }
      } else {
        generate(ks, store, dir);
      }
      var cert = (X509Certificate) ks.getCertificate(ALIAS);
      var privateKey = (PrivateKey) ks.getKey(ALIAS, STORE_PASSWORD);
      if (cert == null || privateKey == null) {
        throw new IllegalStateException(store + " holds no key pair named '" + ALIAS
            + "'; move the file away and the gateway creates a new certificate (which the PLCs "
            + "must then trust again)");
      }
      String uri = CertificateUtil.getSanUri(cert).orElse(ClientConnector.APPLICATION_URI);
      Path der = dir.resolve("own").resolve("floorgate.der");
      if (!Files.exists(der)) {
        Files.write(der, cert.getEncoded());
      }
      var trust = FileBasedTrustListManager.createAndInitialize(dir);
      var quarantine = FileBasedCertificateQuarantine.create(dir.resolve("rejected"));
      return new Pki(dir, new KeyPair(cert.getPublicKey(), privateKey), cert, uri, trust, quarantine);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the PKI directory " + dir + " (" + e.getMessage()
          + "); make it writable by the gateway's user or set security.pki", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read or create the gateway's certificate in "
          + ownStore(dir) + ": " + e.getMessage(), e);
    }
  }

  private static void generate(KeyStore ks, Path store, Path dir) throws Exception {
    String host = hostname();
    String uri = "urn:" + host + ":floorgate";
    KeyPair pair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
    X509Certificate cert = new SelfSignedCertificateBuilder(pair)
        .setCommonName("Floorgate@" + host)
        .setOrganization("Floorgate")
        .setApplicationUri(uri)
        .addDnsName(host)
        .addDnsName("localhost")
        .addIpAddress("127.0.0.1")
        .setValidityPeriod(Period.ofYears(10))
        .build();
    ks.load(null, null);
    ks.setKeyEntry(ALIAS, pair.getPrivate(), STORE_PASSWORD, new X509Certificate[] {cert});
    Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      ks.store(out, STORE_PASSWORD);
    }
    restrict(tmp);
    Files.move(tmp, store, StandardCopyOption.ATOMIC_MOVE);
    Files.write(dir.resolve("own").resolve("floorgate.der"), cert.getEncoded());
    log.info("Created the gateway's application certificate {} (SHA-1 {}, application URI {}) in "
            + "{}; PLCs must trust {} once — it is kept and reused on every start",
        cert.getSubjectX500Principal().getName(), sha1(cert), uri, store,
        dir.resolve("own").resolve("floorgate.der"));
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: the directory's own protection applies.
    }
  }

  private static String hostname() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      return name == null || name.isBlank() ? "localhost" : name.toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "localhost";
    }
  }

  static Path ownStore(Path dir) {
    return dir.resolve("own").resolve("floorgate.p12");
  }

  Path dir() {
    return dir;
  }

  KeyPair keyPair() {
    return keyPair;
  }

  X509Certificate certificate() {
    return certificate;
  }

  String applicationUri() {
    return applicationUri;
  }

  FileBasedTrustListManager trustList() {
    return trustList;
  }

  FileBasedCertificateQuarantine rejected() {
    return rejected;
  }

  Path ownCertificateFile() {
    return dir.resolve("own").resolve("floorgate.der");
  }

  Path pinFile(String connection) {
    return dir.resolve("pinned").resolve(connection + ".sha1");
  }

  /** The SHA-1 thumbprint in lowercase hex, as OPC UA tools show it. */
  static String sha1(X509Certificate cert) {
    return digest("SHA-1", cert);
  }

  static String sha256(X509Certificate cert) {
    return digest("SHA-256", cert);
  }

  private static String digest(String algorithm, X509Certificate cert) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(cert.getEncoded()));
    } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint " + cert.getSubjectX500Principal(), e);
    }
  }
}
