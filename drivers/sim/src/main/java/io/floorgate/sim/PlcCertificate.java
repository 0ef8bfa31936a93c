package io.floorgate.sim;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Period;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated PLC's application certificate: made once and kept — in its PKI directory when it
 * has one, so that a gateway that trusted it still does after the simulator restarts.
 */
record PlcCertificate(KeyPair keyPair, X509Certificate certificate) {

  private static final Logger log = LoggerFactory.getLogger(PlcCertificate.class);
  private static final char[] STORE_PASSWORD = "floorgate-sim".toCharArray();

  /** Loads the certificate from {@code dir/own/plc.p12}, or makes one (and saves it there). */
  static PlcCertificate loadOrCreate(String plcName, String applicationUri, String host,
      @Nullable Path dir) {
    try {
      Path store = dir == null ? null : dir.resolve("own").resolve("plc.p12");
      KeyStore ks = KeyStore.getInstance("PKCS12");
      if (store != null && Files.exists(store)) {
        try (InputStream in = Files.newInputStream(store)) {
          ks.load(in, STORE_PASSWORD);
        }
        var cert = (X509Certificate) ks.getCertificate("plc");
        var key = (PrivateKey) ks.getKey("plc", STORE_PASSWORD);
        return new PlcCertificate(new KeyPair(cert.getPublicKey(), key), cert);
      }
      KeyPair pair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
      SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(pair)
          .setCommonName("Floorgate simulated PLC " + plcName)
          .setOrganization("Floorgate")
          .setApplicationUri(applicationUri)
          .addDnsName("localhost")
          .setValidityPeriod(Period.ofYears(10));
      if (host.matches("[0-9.]+")) {
        builder.addIpAddress(host);
      } else {
        builder.addDnsName(host);
      }
      X509Certificate cert = builder.build();
      if (store != null) {
        Files.createDirectories(store.getParent());
        ks.load(null, null);
        ks.setKeyEntry("plc", pair.getPrivate(), STORE_PASSWORD, new X509Certificate[] {cert});
        try (OutputStream out = Files.newOutputStream(store)) {
          ks.store(out, STORE_PASSWORD);
        }
        Files.write(dir.resolve("own").resolve("plc.der"), cert.getEncoded());
        log.info("Simulated PLC {}: created its certificate in {}", plcName, store);
      }
      return new PlcCertificate(pair, cert);
    } catch (Exception e) {
      throw new IllegalStateException(plcName + ": cannot load or create its certificate"
          + (dir == null ? "" : " in " + dir) + ": " + e.getMessage(), e);
    }
  }
}
