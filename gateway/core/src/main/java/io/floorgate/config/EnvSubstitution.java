package io.floorgate.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in scalar values, from an environment map. As in a
 * shell, {@code :-} uses the default when the variable is unset or empty; {@code $$} before a
 * brace writes a literal dollar-brace (for a password that contains one).
 */
final class EnvSubstitution {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern REFERENCE =
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?}");

  /** One well-formed {@code ${NAME}} or {@code ${NAME:-default}} in a value. */
  record Reference(String name, boolean hasDefault) {

    /** Whether the default applies: the variable is unset or empty, and there is a default. */
    boolean fallsBack(Map<String, String> env) {
      String set = env.get(name);
      return hasDefault && (set == null || set.isEmpty());
    }
  }

  private EnvSubstitution() {}

  /** The well-formed references in {@code value}, in order; malformed ones are left to apply. */
  static List<Reference> references(String value) {
    Matcher m = REFERENCE.matcher(value);
    return m.results().map(r -> new Reference(r.group(1), r.group(2) != null)).toList();
  }

  /**
   * Substitutes every reference in {@code value}.
   *
   * @throws IllegalArgumentException naming the variable and how to set it, for an unset variable
   *     without default or a malformed reference
   */
  static String apply(String value, Map<String, String> env) {
    if (!value.contains("${")) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      if (value.startsWith("$${", i)) {
        out.append("${");
        i += 3;
        continue;
      }
      if (!value.startsWith("${", i)) {
        out.append(value.charAt(i++));
        continue;
      }
      int end = value.indexOf('}', i + 2);
      if (end < 0) {
        throw new IllegalArgumentException("'" + value.substring(i) + "' has no closing '}'; "
            + "write ${NAME} or ${NAME:-default} (or $${ for a literal ${)");
      }
      String inner = value.substring(i + 2, end);
      int colon = inner.indexOf(":-");
      String name = colon < 0 ? inner : inner.substring(0, colon);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("'${" + inner + "}' does not name an environment "
            + "variable; write ${NAME} or ${NAME:-default} with NAME of letters, digits and '_'");
      }
      String set = env.get(name);
      if (set != null && !(colon >= 0 && set.isEmpty())) {
        out.append(set);
      } else if (colon >= 0) {
        out.append(inner, colon + 2, inner.length());
      } else {
        throw new IllegalArgumentException("environment variable " + name + " is not set; set it "
            + "in the gateway's environment (e.g. export " + name + "=… or Environment=" + name
            + "=… in the systemd unit) or give a default: ${" + name + ":-value}");
      }
      i = end + 1;
    }
    return out.toString();
  }
}
