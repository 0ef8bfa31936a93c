package io.floorgate.cli;

import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.opcua.TrustStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trust [--pki DIR] [FINGERPRINT]}: lists the PLC certificates the gateway refused, or
 * trusts one of them. A running gateway picks the change up by itself.
 */
@Command(name = "trust",
    description = {"List PLC certificates the gateway refused (in PKI/rejected), or trust one by "
        + "its fingerprint (moved to PKI/trusted/certs; a running gateway uses it within a second).",
        "Check the fingerprint against the one the PLC shows before trusting it."})
final class TrustCommand implements Callable<Integer> {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Option(names = "--pki", paramLabel = "DIR", description = "The gateway's PKI directory "
      + "(security.pki in the config; default ${DEFAULT-VALUE}).", defaultValue = "pki")
  Path pki = SecuritySpec.DEFAULT_PKI_DIR;

  @Parameters(arity = "0..1", paramLabel = "FINGERPRINT", description = "At least "
      + TrustStore.MIN_PREFIX + " hex digits of the SHA-1 or SHA-256 fingerprint to trust.")
  @Nullable String fingerprint;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrustStore store = new TrustStore(pki);
    if (fingerprint == null) {
      print(out, "Rejected (floorgate trust --pki " + pki + " <fingerprint> trusts one):",
          store.rejected());
      print(out, "Trusted (" + store.trustedDir() + "):", store.trusted());
      out.println("The gateway's own certificate, for the PLCs to trust: " + store.ownCertificate());
      out.flush();
      return 0;
    }
    try {
      TrustStore.Entry trusted = store.trust(fingerprint);
      out.println("Trusted " + trusted.subject() + " (SHA-1 " + trusted.sha1() + "): "
          + trusted.file() + ". A running gateway connects with it at its next attempt.");
      out.flush();
      return 0;
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      err.println(e.getMessage());
      err.flush();
      return 1;
    }
  }

  private static void print(PrintWriter out, String title, List<TrustStore.Entry> entries) {
    out.println(title);
    if (entries.isEmpty()) {
      out.println("  (none)");
    }
    for (TrustStore.Entry e : entries) {
      out.printf("  SHA-1 %s  %s%n        SHA-256 %s%n        %s, valid until %s%n", e.sha1(),
          e.subject(), e.sha256(), e.applicationUri().isEmpty() ? "no application URI"
              : e.applicationUri(), DATE.format(e.notAfter()));
    }
  }
}
