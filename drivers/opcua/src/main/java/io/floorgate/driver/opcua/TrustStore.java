package io.floorgate.driver.opcua;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;

/**
 * The trust list of a PKI directory as files, for the {@code floorgate trust} command: which PLC
 * certificates were refused, and trusting one of them by its fingerprint. A running gateway picks
 * up a newly trusted certificate within a second; no restart.
 */
public final class TrustStore {

  /** The shortest fingerprint prefix accepted, so that a typo cannot match by accident. */
  public static final int MIN_PREFIX = 8;

  /**
   * One certificate file.
   *
   * @param sha1           the SHA-1 thumbprint, lowercase hex (what OPC UA tools show)
   * @param sha256         the SHA-256 fingerprint, lowercase hex
   * @param subject        the subject's distinguished name
   * @param applicationUri the application URI in the certificate, or "" when it has none
   * @param notAfter       when it expires
   * @param file           where it is
   */
  public record Entry(String sha1, String sha256, String subject, String applicationUri,
      Instant notAfter, Path file) {}

  private final Path dir;

  /** The trust list in {@code pkiDir} (the directory need not exist yet). */
  public TrustStore(Path pkiDir) {
    this.dir = Objects.requireNonNull(pkiDir, "pkiDir");
  }

  public Path rejectedDir() {
    return dir.resolve("rejected");
  }

  public Path trustedDir() {
    return dir.resolve("trusted").resolve("certs");
  }

  /** The gateway's own certificate file, which PLCs must trust. */
  public Path ownCertificate() {
    return dir.resolve("own").resolve("floorgate.der");
  }

  public List<Entry> rejected() {
    return entries(rejectedDir());
  }

  public List<Entry> trusted() {
    return entries(trustedDir());
  }

  /**
   * Moves the rejected certificate whose SHA-1 or SHA-256 fingerprint starts with {@code prefix}
   * (at least {@value #MIN_PREFIX} hex digits, colons and case ignored) to the trusted ones.
   *
   * @throws IllegalArgumentException when none or several match; the message says which exist
   */
  public Entry trust(String prefix) {
    String p = prefix.replace(":", "").strip().toLowerCase(Locale.ROOT);
    if (p.length() < MIN_PREFIX || !p.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException("'" + prefix + "' is not a fingerprint: give at least "
          + MIN_PREFIX + " hex digits of the SHA-1 or SHA-256 fingerprint that floorgate trust "
          + "--pki " + dir + " lists");
    }
    List<Entry> matches = rejected().stream()
        .filter(e -> e.sha1().startsWith(p) || e.sha256().startsWith(p)).toList();
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("no rejected certificate in " + rejectedDir()
          + " has a fingerprint starting with " + p + "; floorgate trust --pki " + dir
          + " lists them (a certificate is filed there when a connect is refused)");
    }
    if (matches.stream().map(Entry::sha1).distinct().count() > 1) {
      throw new IllegalArgumentException(matches.size() + " rejected certificates start with "
          + p + "; give more digits");
    }
    Entry entry = matches.get(0);
    try {
      Files.createDirectories(trustedDir());
      Files.createDirectories(dir.resolve("trusted").resolve("crl"));
      Path target = trustedDir().resolve(entry.sha1() + ".der");
      Files.write(target, Files.readAllBytes(entry.file()));
      for (Entry m : matches) {
        Files.deleteIfExists(m.file());
      }
      return new Entry(entry.sha1(), entry.sha256(), entry.subject(), entry.applicationUri(),
          entry.notAfter(), target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + entry.file() + " to " + trustedDir()
          + ": " + e.getMessage() + " — run as the gateway's user", e);
    }
  }

  private static List<Entry> entries(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        try {
          X509Certificate cert = CertificateUtil.decodeCertificate(Files.readAllBytes(file));
          entries.add(new Entry(Pki.sha1(cert), Pki.sha256(cert),
              cert.getSubjectX500Principal().getName(),
              CertificateUtil.getSanUri(cert).orElse(""), cert.getNotAfter().toInstant(), file));
        } catch (UaException | IOException e) {
          // Not a certificate (an editor's backup, a README): not ours to list.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
    entries.sort(Comparator.comparing(Entry::file));
    return List.copyOf(entries);
  }
}
