package io.floorgate.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Floorgate command lines of a shell block: each simple command (split at {@code &&},
 * {@code ||}, {@code |}, {@code ;}, {@code &}) that starts, after any {@code VAR=value}
 * assignments, with {@code floorgate} (the installed launcher, which runs floorgate.jar) or with
 * {@code java … -jar …floorgate….jar}. Lines continued with a backslash are joined; comments and
 * redirections are dropped.
 */
final class ShellCommands {

  /** Which application a command line runs. */
  enum App { PRODUCT, LAB }

  /** One command line: the file line it starts on, the application and its arguments. */
  record Invocation(int line, App app, List<String> args, String text) {}

  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
  /** {@code 2>&1}, {@code >&2}, {@code &>}: redirections whose '&' ends no command. */
  private static final Pattern DUPLICATION = Pattern.compile("\\d*>&\\d*|&>");
  private static final Pattern REDIRECT = Pattern.compile("\\d*[<>].*");

  private ShellCommands() {}

  static List<Invocation> of(Markdown.Block block) {
    List<Invocation> found = new ArrayList<>();
    List<String> lines = block.lines();
    for (int i = 0; i < lines.size(); i++) {
      int start = block.firstLine() + i;
      StringBuilder joined = new StringBuilder(lines.get(i));
      while (joined.toString().endsWith("\\") && i + 1 < lines.size()) {
        joined.setLength(joined.length() - 1);
        joined.append(' ').append(lines.get(++i));
      }
      for (List<String> command : commands(joined.toString())) {
        Invocation invocation = invocation(start, command);
        if (invocation != null) {
          found.add(invocation);
        }
      }
    }
    return found;
  }

  private static Invocation invocation(int line, List<String> words) {
    int at = 0;
    while (at < words.size() && ASSIGNMENT.matcher(words.get(at)).matches()) {
      at++;
    }
    if (at >= words.size()) {
      return null;
    }
    String text = String.join(" ", words.subList(at, words.size()));
    if (words.get(at).equals("floorgate")) {
      return new Invocation(line, App.PRODUCT, words.subList(at + 1, words.size()), text);
    }
    if (!words.get(at).equals("java")) {
      return null;
    }
    int jar = words.indexOf("-jar");
    if (jar < 0 || jar + 1 >= words.size()) {
      return null;
    }
    String file = words.get(jar + 1);
    String name = file.substring(file.lastIndexOf('/') + 1);
    if (!name.contains("floorgate") || !name.endsWith(".jar")) {
      return null;
    }
    App app = name.contains("floorgate-lab") ? App.LAB : App.PRODUCT;
    return new Invocation(line, app, words.subList(jar + 2, words.size()), text);
  }

  /** The simple commands of a line, each as its words (quotes removed). */
  static List<List<String>> commands(String line) {
    line = DUPLICATION.matcher(line).replaceAll(" ");
    List<List<String>> commands = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int depth = 0; // inside $( … )
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' || c == '"') {
        int end = line.indexOf(c, i + 1);
        end = end < 0 ? line.length() : end;
        word.append(line, i + 1, end);
        inWord = true;
        i = end;
      } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
        depth++;
        word.append("$(");
        inWord = true;
        i++;
      } else if (depth > 0) {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        word.append(c);
      } else if (c == '#' && !inWord) {
        break;
      } else if (Character.isWhitespace(c)) {
        inWord = flush(words, word, inWord);
      } else if (c == '&' || c == '|' || c == ';') {
        inWord = flush(words, word, inWord);
        end(commands, words);
        words = new ArrayList<>();
      } else {
        word.append(c);
        inWord = true;
      }
    }
    flush(words, word, inWord);
    end(commands, words);
    return commands;
  }

  private static boolean flush(List<String> words, StringBuilder word, boolean inWord) {
    if (inWord) {
      words.add(word.toString());
      word.setLength(0);
    }
    return false;
  }

  private static void end(List<List<String>> commands, List<String> words) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (REDIRECT.matcher(w).matches()) {
        if (w.matches("\\d*[<>]+&?")) {
          i++; // "> file": drop the file too
        }
        continue;
      }
      kept.add(w);
    }
    if (!kept.isEmpty()) {
      commands.add(kept);
    }
  }
}
