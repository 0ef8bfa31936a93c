package io.floorgate.alarm;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What an operator command may carry as its {@code by} and {@code comment}: they end up in the
 * alarm's state, its MQTT events, the state file, the audit log and the PLC's own condition
 * comment, where a NUL, a terminal escape sequence or a bidirectional override would corrupt or
 * disguise the record. {@code by} names a person: at most {@value #MAX_BY} characters, no control
 * or format characters. A comment may span lines (tab, line feed, carriage return) but carries no
 * other control or format character.
 */
final class OperatorText {

  /** Longer than any operator name or badge id; short enough to stay one column on a console. */
  static final int MAX_BY = 64;

  private OperatorText() {}

  /** What is wrong with a command's {@code by} or {@code comment}, with the fix; null when fine. */
  static @Nullable String problem(String by, @Nullable String comment) {
    int length = by.codePointCount(0, by.length());
    if (length > MAX_BY) {
      return "'by' is " + length + " characters long; name the operator in at most " + MAX_BY
          + " characters, e.g. {\"by\": \"tanaka\"}";
    }
    String bad = refused(by, false);
    if (bad != null) {
      return "'by' contains " + bad + "; name the operator in plain text, e.g. "
          + "{\"by\": \"tanaka\"}";
    }
    bad = comment == null ? null : refused(comment, true);
    return bad == null ? null
        : "'comment' contains " + bad + "; write plain text (line breaks and tabs are allowed)";
  }

  /** The first character {@code text} may not hold, described; null when there is none. */
  private static @Nullable String refused(String text, boolean lineBreaks) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      boolean allowed = lineBreaks && (c == '\t' || c == '\n' || c == '\r');
      int type = Character.getType(c);
      if (!allowed && (type == Character.CONTROL || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.SURROGATE)) {
        return "the character U+" + String.format(Locale.ROOT, "%04X", c) + " (a control or "
            + "format character) at position " + (text.codePointCount(0, i) + 1);
      }
      i += Character.charCount(c);
    }
    return null;
  }
}
