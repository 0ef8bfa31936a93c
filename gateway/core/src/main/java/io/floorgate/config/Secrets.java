package io.floorgate.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Secrets that are not secret: the placeholders of example files, and API tokens too short or too
 * regular to resist guessing. A box that starts with {@code FLOORGATE_API_TOKEN=change-me…} from
 * an example environment file lets anyone who has read that file acknowledge and shelve alarms, so
 * such values are refused when the config is loaded (by {@code check}, at start and on reload).
 *
 * <p>A value is a placeholder when, lowercased and with everything but letters and digits removed,
 * it contains {@code changeme}, {@code replaceme}, {@code placeholder} or {@code your} followed by
 * {@code password}, {@code secret} or {@code token}, or is one of {@code password}, {@code passwd},
 * {@code passw0rd}, {@code secret}, {@code token}, {@code changeit}, {@code default}, {@code test},
 * {@code todo}, {@code tbd}, {@code fixme}, {@code xxx…}.
 *
 * <p>An API token is refused, besides, when it has fewer than {@value ApiConfig#MIN_TOKEN_LENGTH}
 * characters, or fewer than {@value #MIN_DISTINCT} different characters ({@code aaaa…},
 * {@code abab…}), or when more than half of its neighbouring pairs repeat or count by one
 * ({@code 1234567890123456}, {@code abcdef…}). A random token of 48 hex digits passes always; of 16,
 * about one in a hundred is refused and is better replaced by a longer one.
 */
final class Secrets {

  /** The command that makes a good token; every refusal names it. */
  static final String GENERATE = "openssl rand -hex 24";
  static final int MIN_DISTINCT = 8;

  private static final List<String> PLACEHOLDER_PARTS = List.of("changeme", "replaceme",
      "placeholder", "yourpassword", "yoursecret", "yourtoken");
  private static final Set<String> PLACEHOLDERS = Set.of("password", "passwd", "passw0rd",
      "secret", "token", "changeit", "default", "test", "todo", "tbd", "fixme");

  private Secrets() {}

  /** The placeholder {@code secret} is (as a short quote), or null when it is none. */
  static @Nullable String placeholder(String secret) {
    String plain = secret.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    for (String part : PLACEHOLDER_PARTS) {
      if (plain.contains(part)) {
        return part;
      }
    }
    if (PLACEHOLDERS.contains(plain) || plain.matches("x{3,}")) {
      return plain;
    }
    return null;
  }

  /**
   * What makes {@code token} guessable, as the start of a message ("is shorter than 16
   * characters"); null when it is fine. Never quotes the token, only a placeholder.
   */
  static @Nullable String tokenProblem(String token) {
    String placeholder = placeholder(token);
    if (placeholder != null) {
      return "is a placeholder ('" + placeholder + "'), not a secret";
    }
    if (token.length() < ApiConfig.MIN_TOKEN_LENGTH) {
      return "is shorter than " + ApiConfig.MIN_TOKEN_LENGTH + " characters";
    }
    if (token.codePoints().distinct().count() < MIN_DISTINCT) {
      return "has fewer than " + MIN_DISTINCT + " different characters, so it is easily guessed";
    }
    int steps = 0;
    for (int i = 1; i < token.length(); i++) {
      if (Math.abs(token.charAt(i) - token.charAt(i - 1)) <= 1) {
        steps++;
      }
    }
    if (steps * 2 > token.length() - 1) {
      return "is mostly repeated or consecutive characters (like 1234… or aabb…), so it is "
          + "easily guessed";
    }
    return null;
  }

  /**
   * The broker password of {@code key}, substituted; null when absent, or when it is a placeholder
   * (an error then, saying to set {@code variable}).
   */
  static @Nullable String brokerPassword(YamlMap map, String key, String variable) {
    String password = map.string(key);
    String placeholder = password == null ? null : placeholder(password);
    if (placeholder != null) {
      map.error(key, "is a placeholder ('" + placeholder + "'), not the broker's password; "
          + howToSet(map, key, variable) + " to the password of the broker account, or use "
          + "passwordFile: <file>");
      return null;
    }
    return password;
  }

  /** A password read from {@code passwordFile}; null, and an error, when it is a placeholder. */
  static @Nullable String fromFile(YamlMap map, Path file, String password, String whose) {
    String placeholder = placeholder(password);
    if (placeholder != null) {
      map.error("passwordFile", file + " holds a placeholder ('" + placeholder + "'), not the "
          + whose + "'s password; write the password of the " + whose + " account into it");
      return null;
    }
    return password;
  }

  /**
   * The {@code ${VAR}} references in the key's value as written, before substitution; empty for
   * a literal, an absent key or one that is not text.
   */
  static List<EnvSubstitution.Reference> references(YamlMap map, String key) {
    return map.value(key) instanceof ScalarNode scalar
        ? EnvSubstitution.references(scalar.getValue()) : List.of();
  }

  /**
   * The variable whose unset (or empty) value lets the default written in the file stand for the
   * key's value; null when the value is literal or its variables are set.
   */
  static @Nullable String defaulted(YamlMap map, String key) {
    return references(map, key).stream().filter(r -> r.fallsBack(map.problems().env()))
        .map(EnvSubstitution.Reference::name).findFirst().orElse(null);
  }

  /**
   * Where the secret of {@code key} is given, for a message: "set FLOORGATE_API_TOKEN (in
   * /etc/floorgate/floorgate.env or the Kubernetes Secret)" when the value names a variable, else
   * how to take it from one.
   */
  static String howToSet(YamlMap map, String key, String variable) {
    List<EnvSubstitution.Reference> refs = references(map, key);
    String name = refs.isEmpty() ? variable : refs.get(0).name();
    return (refs.isEmpty() ? "write " + key + ": ${" + name + "} and set " : "set ") + name
        + " (in /etc/floorgate/floorgate.env, or the container's environment or Secret)";
  }

  /**
   * Whether an endpoint's host is this machine, by its literal name only (no name lookup at load
   * time): {@code localhost}, 127.x.x.x or ::1.
   */
  static boolean isLoopback(@Nullable String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("[::1]")
        || h.equals("::1");
  }
}
