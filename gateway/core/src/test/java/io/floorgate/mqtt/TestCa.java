package io.floorgate.mqtt;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made by the test, as a plant's own CA would be, issuing a broker
 * certificate for 127.0.0.1 and client certificates, written as PEM files for Mosquitto and the
 * gateway.
 */
public final class TestCa {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A key and its certificate, written as PEM. */
  public record Issued(Path cert, Path key) {}

  private final String name;
  private final KeyPair keys;
  private final X509Certificate cert;
  private final Path pem;

  private TestCa(String name, KeyPair keys, X509Certificate cert, Path pem) {
    this.name = name;
    this.keys = keys;
    this.cert = cert;
    this.pem = pem;
  }

  public static TestCa create(Path dir, String name) throws Exception {
    KeyPair keys = rsa();
    X500Name subject = new X500Name("CN=" + name);
    X509v3CertificateBuilder builder = builder(subject, subject, keys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    X509Certificate cert = sign(builder, keys);
    Path pem = dir.resolve(name + "-ca.pem");
    write(pem, cert);
    return new TestCa(name, keys, cert, pem);
  }

  /** The CA certificate, PEM. */
  public Path certFile() {
    return pem;
  }

  /** A certificate for a broker on 127.0.0.1 / localhost. */
  public Issued server(Path dir) throws Exception {
    return issue(dir, "broker", KeyPurposeId.id_kp_serverAuth, true);
  }

  /** A client certificate for the gateway. */
  public Issued client(Path dir) throws Exception {
    return issue(dir, "gateway", KeyPurposeId.id_kp_clientAuth, false);
  }

  private Issued issue(Path dir, String cn, KeyPurposeId purpose, boolean names)
      throws Exception {
    KeyPair keys = rsa();
    X509v3CertificateBuilder builder =
        builder(new X500Name("CN=" + name), new X500Name("CN=" + cn), keys);
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    if (names) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, "localhost")}));
    }
    X509Certificate issued = sign(builder, this.keys);
    Path certFile = dir.resolve(name + "-" + cn + ".pem");
    Path keyFile = dir.resolve(name + "-" + cn + ".key");
    write(certFile, issued);
    // PKCS#8 ("BEGIN PRIVATE KEY"), as openssl genpkey writes it.
    write(keyFile, new JcaPKCS8Generator(keys.getPrivate(), null));
    return new Issued(certFile, keyFile);
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject,
      KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
        subject, keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static void write(Path file, Object pemObject) throws IOException {
    try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(pemObject);
    }
  }
}
