package io.floorgate.config;

import io.floorgate.driver.Secret;
import io.floorgate.driver.SecurityMode;
import io.floorgate.driver.SecurityPolicy;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.UserIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a connection's {@code security:} section. Passwords come from {@code ${VAR}} or a file
 * and are held as {@link Secret}s; no error message ever repeats one.
 */
final class SecurityReader {

  static final List<String> KEYS = List.of("policy", "mode", "identity", "username", "password",
      "passwordFile", "certificate", "privateKey", "pki", "trustOnFirstUse");
  private static final Map<String, SecurityPolicy> POLICIES = new LinkedHashMap<>();
  private static final Map<String, SecurityMode> MODES = new LinkedHashMap<>();
  private static final String PASSWORD_VARIABLE = "FLOORGATE_PLC_PASSWORD";
  private static final Map<String, String> IDENTITIES =
      Map.of("anonymous", "anonymous", "username", "username", "x509", "x509");

  static {
    for (SecurityPolicy p : SecurityPolicy.values()) {
      POLICIES.put(p.specName(), p);
    }
    for (SecurityMode m : SecurityMode.values()) {
      MODES.put(m.specName(), m);
    }
  }

  private SecurityReader() {}

  /**
   * The section's security, {@link SecuritySpec#none()} when absent; null when it is wrong.
   *
   * @param host the endpoint's host, null when unknown: a password from a default written in the
   *             file is taken for this machine only
   */
  static @Nullable SecuritySpec read(YamlMap connection, @Nullable String host) {
    if (!connection.has("security")) {
      return SecuritySpec.none();
    }
    YamlMap map = connection.map("security", KEYS);
    if (map == null) {
      return null;
    }
    Problems problems = map.problems();
    int before = problems.count();
    SecurityPolicy policy = map.choice("policy", SecurityPolicy.NONE, POLICIES);
    // A misspelt policy reads as None: whether the mode goes with it would be a second error.
    boolean policyKnown = problems.count() == before;
    SecurityMode fallbackMode =
        policy == SecurityPolicy.NONE ? SecurityMode.NONE : SecurityMode.SIGN_AND_ENCRYPT;
    SecurityMode mode = map.choice("mode", fallbackMode, MODES);
    if (policyKnown && policy == SecurityPolicy.NONE && mode != SecurityMode.NONE) {
      map.error("mode", "mode " + mode.specName() + " needs a signing policy; set policy: "
          + "Basic256Sha256 (or another), or remove mode");
    } else if (policyKnown && policy != SecurityPolicy.NONE && mode == SecurityMode.NONE) {
      map.error("mode", "policy " + policy.specName() + " signs messages, so mode None cannot "
          + "go with it; use Sign or SignAndEncrypt, or policy: None");
    }
    String kind = map.choice("identity", map.has("username") ? "username"
        : map.has("certificate") ? "x509" : "anonymous", IDENTITIES);
    UserIdentity identity = identity(map, kind, host);
    String pki = map.string("pki");
    boolean tofu = map.bool("trustOnFirstUse", false);
    if (problems.count() > before || identity == null) {
      return null;
    }
    return new SecuritySpec(policy, mode, identity,
        pki == null || pki.isBlank() ? SecuritySpec.DEFAULT_PKI_DIR : Path.of(pki.strip()), tofu);
  }

  private static @Nullable UserIdentity identity(YamlMap map, String kind,
      @Nullable String host) {
    for (String key : List.of("username", "password", "passwordFile")) {
      if (!kind.equals("username") && map.has(key)) {
        map.error(key, "applies to identity: username only; remove it or set identity: username");
      }
    }
    for (String key : List.of("certificate", "privateKey")) {
      if (!kind.equals("x509") && map.has(key)) {
        map.error(key, "applies to identity: x509 only; remove it or set identity: x509");
      }
    }
    if (kind.equals("username")) {
      String user = map.required("username", "${FLOORGATE_PLC_USER}");
      Secret password = password(map, host);
      return user == null || password == null ? null
          : new UserIdentity.UserName(user.strip(), password);
    }
    if (kind.equals("x509")) {
      Path cert = readableFile(map, "certificate", "/etc/floorgate/user-cert.der");
      Path key = readableFile(map, "privateKey", "/etc/floorgate/user-key.pem");
      return cert == null || key == null ? null : new UserIdentity.X509(cert, key);
    }
    return UserIdentity.anonymous();
  }

  private static @Nullable Secret password(YamlMap map, @Nullable String host) {
    if (map.has("password") && map.has("passwordFile")) {
      map.error("passwordFile", "give password or passwordFile, not both");
      return null;
    }
    if (map.has("passwordFile")) {
      Path file = readableFile(map, "passwordFile", "/etc/floorgate/plc-password");
      if (file == null) {
        return null;
      }
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // Editors and `echo` end files with a newline that is not part of the password.
        String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
            : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        String checked = Secrets.fromFile(map, file, password, "PLC");
        return checked == null ? null : Secret.of(checked);
      } catch (IOException e) {
        map.error("passwordFile", "cannot read " + file + " (" + e.getClass().getSimpleName()
            + "); make it readable by the gateway's user");
        return null;
      }
    }
    if (!map.has("password")) {
      map.missing("password", "add password: ${FLOORGATE_PLC_PASSWORD} (from the environment) "
          + "or passwordFile: <file>; never write the password itself here");
      return null;
    }
    String password = map.string("password");
    if (password == null) {
      return null;
    }
    String placeholder = Secrets.placeholder(password);
    if (placeholder != null) {
      map.error("password", "is a placeholder ('" + placeholder + "'), not the PLC's password; "
          + Secrets.howToSet(map, "password", PASSWORD_VARIABLE) + " to the password of the PLC "
          + "account, or use passwordFile: <file>");
      return null;
    }
    // A default in a shared file is the simulator's demo account (isohara.yaml): never sent to a
    // real PLC because the variable was forgotten.
    String unset = Secrets.defaulted(map, "password");
    if (unset != null && !Secrets.isLoopback(host)) {
      map.error("password", unset + " is not set, and the default written here "
          + "is for a PLC on this machine (127.0.0.1 or localhost) only, not for " + host + "; "
          + Secrets.howToSet(map, "password", PASSWORD_VARIABLE) + " to the password of the PLC "
          + "account, or use passwordFile: <file>");
      return null;
    }
    return Secret.of(password);
  }

  private static @Nullable Path readableFile(YamlMap map, String key, String example) {
    String text = map.required(key, example);
    if (text == null) {
      return null;
    }
    Path file = Path.of(text.strip());
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      map.error(key, file + " is not a readable file; check the path (relative paths start at "
          + "the working directory, " + Path.of("").toAbsolutePath() + ")");
      return null;
    }
    return file;
  }
}
