package io.floorgate.cli;

import io.floorgate.driver.Secret;
import io.floorgate.driver.SecurityMode;
import io.floorgate.driver.SecurityPolicy;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.UserIdentity;
import io.floorgate.driver.opcua.Browser;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code browse URL [--out FILE]}: walks a server's address space; writes a config skeleton. */
@Command(name = "browse", description = {
    "Walk an OPC UA server's address space below Objects and print it; with --out, write a "
        + "configuration of every variable found that `check` accepts and `run` runs as is.",
    "Secured servers: --policy, --mode, --user (password from FLOORGATE_PLC_PASSWORD or "
        + "--password-file), --pki; the server's certificate must be trusted (floorgate trust) "
        + "or --trust-on-first-use given."})
final class BrowseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "URL", description = "The endpoint, e.g. opc.tcp://10.20.1.15:4840")
  String url;

  @Option(names = "--out", paramLabel = "FILE", description = "Write a config skeleton here.")
  @Nullable Path out;

  @Option(names = "--depth", defaultValue = "10", description = "Levels below Objects (default ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--max-nodes", defaultValue = "100000", description = "Stop after this many nodes (default ${DEFAULT-VALUE}).")
  int maxNodes;

  @Option(names = "--concurrency", defaultValue = "4", description = "Browse requests in flight (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--quiet", description = "Do not print the tree (with --out).")
  boolean quiet;

  @Option(names = "--ascii-names", description = "Transliterate names to ASCII for tag paths "
      + "(Zählerstand -> zahlerstand, 炉温 -> luwen); by default they stay in their own script.")
  boolean asciiNames;

  @Option(names = "--name", description = "Connection name in the skeleton (default: from the URL).")
  @Nullable String name;

  @Option(names = "--area", defaultValue = "browsed", description = "ISA-95 area in the skeleton (default ${DEFAULT-VALUE}).")
  String area;

  @Option(names = "--enterprise", defaultValue = "enterprise") String enterprise;
  @Option(names = "--site", defaultValue = "site") String site;

  @Option(names = "--policy", defaultValue = "None",
      description = "None, Basic128Rsa15, Basic256, Basic256Sha256, Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss.")
  String policy;

  @Option(names = "--mode", description = "Sign or SignAndEncrypt (default: SignAndEncrypt with a policy).")
  @Nullable String mode;

  @Option(names = "--user", description = "User name; the password comes from FLOORGATE_PLC_PASSWORD or --password-file.")
  @Nullable String user;

  @Option(names = "--password-file", paramLabel = "FILE") @Nullable Path passwordFile;

  @Option(names = "--pki", defaultValue = "pki", paramLabel = "DIR", description = "The gateway's PKI directory (default ${DEFAULT-VALUE}).")
  Path pki;

  @Option(names = "--trust-on-first-use", description = "Trust and pin the server's certificate if none is pinned yet.")
  boolean trustOnFirstUse;

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SecuritySpec security;
    try {
      security = security();
    } catch (IllegalArgumentException | IOException e) {
      err.println(e.getMessage());
      err.flush();
      return 2;
    }
    String connection = name != null ? name : defaultName(url);
    var skeleton = new ConfigSkeleton(url, connection, area, enterprise, site, security,
        asciiNames);
    var tree = new BrowseTree();
    Browser.Summary summary;
    try {
      summary = Browser.browse(url, security,
          new Browser.Options(depth, maxNodes, concurrency, 100, false), node -> {
            if (out != null) {
              skeleton.add(node);
            }
            if (!quiet) {
              tree.add(node);
            }
          });
    } catch (IllegalStateException e) {
      err.println(e.getMessage());
      err.flush();
      return 1;
    }
    if (!quiet) {
      tree.print(o::println);
    }
    o.printf("%d nodes, %d variables%s%n", summary.nodes(), summary.variables(),
        summary.truncated() ? " (stopped at --max-nodes " + maxNodes + ")" : "");
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, skeleton.yaml(url), StandardCharsets.UTF_8);
      o.printf("Wrote %s: %d tags. Check it with: floorgate check --config %s%n", out,
          skeleton.size(), out);
    }
    o.flush();
    return 0;
  }

  private SecuritySpec security() throws IOException {
    SecurityPolicy p = Arrays.stream(SecurityPolicy.values())
        .filter(v -> v.specName().equalsIgnoreCase(policy)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("--policy " + policy + " is not one of "
            + Arrays.stream(SecurityPolicy.values()).map(SecurityPolicy::specName).toList()));
    SecurityMode m = p == SecurityPolicy.NONE ? SecurityMode.NONE : SecurityMode.SIGN_AND_ENCRYPT;
    if (mode != null) {
      m = Arrays.stream(SecurityMode.values()).filter(v -> v.specName().equalsIgnoreCase(mode))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("--mode " + mode
              + " is not Sign or SignAndEncrypt"));
    }
    UserIdentity identity = UserIdentity.anonymous();
    if (user != null) {
      String password = passwordFile != null
          ? Files.readString(passwordFile, StandardCharsets.UTF_8).stripTrailing()
          : System.getenv("FLOORGATE_PLC_PASSWORD");
      if (password == null) {
        throw new IllegalArgumentException("--user " + user + " needs a password: set "
            + "FLOORGATE_PLC_PASSWORD or give --password-file");
      }
      identity = new UserIdentity.UserName(user, Secret.of(password));
    }
    return new SecuritySpec(p, m, identity, pki, trustOnFirstUse);
  }

  static String defaultName(String url) {
    try {
      URI uri = URI.create(url.strip());
      String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
      String candidate = ConfigSkeleton.asLevel(path.isEmpty()
          ? String.valueOf(uri.getHost()) : path.substring(path.lastIndexOf('/') + 1));
      return candidate.isEmpty() ? "plc" : candidate;
    } catch (IllegalArgumentException e) {
      return "plc";
    }
  }
}
