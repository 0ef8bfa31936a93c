package io.floorgate.driver.opcua;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;

/** Reads an X.509 user identity from files: a certificate (DER or PEM) and a PKCS#8 RSA key. */
final class UserCertificates {

  private UserCertificates() {}

  static X509Certificate certificate(Path file) throws IOException, UaException {
    return CertificateUtil.decodeCertificate(Files.readAllBytes(file));
  }

  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
      throw new GeneralSecurityException(file + " is a PKCS#1 key; convert it to PKCS#8 with: "
          + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out user-key.pem");
    }
    if (text.contains("-----BEGIN PRIVATE KEY-----")) {
      String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      bytes = Base64.getDecoder().decode(base64);
    }
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(bytes));
  }
}
