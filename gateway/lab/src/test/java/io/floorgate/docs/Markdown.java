package io.floorgate.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the documentation test reads in a Markdown page: its fenced code blocks, its links and the
 * anchors its headings get on GitHub. Only as much Markdown as the pages use: ``` fences, ATX
 * headings ({@code ## Title}) and inline links ({@code [text](target)}).
 */
record Markdown(String name, List<String> lines) {

  /** A fenced block: its info string ("yaml", "bash", "" …) and the file line of its first line. */
  record Block(String lang, int firstLine, List<String> lines) {
    String text() {
      return String.join("\n", lines) + "\n";
    }
  }

  /** A link target as written, with its line. */
  record Link(int line, String target) {}

  private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```+|~~~+)\\s*([\\w+-]*).*$");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern LINK = Pattern.compile("!?\\[((?:[^\\[\\]]|\\[[^\\]]*])*)]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

  static Markdown read(Path file, String name) throws IOException {
    return new Markdown(name, Files.readString(file, StandardCharsets.UTF_8).lines().toList());
  }

  static Markdown of(String name, String text) {
    return new Markdown(name, text.lines().toList());
  }

  List<Block> blocks() {
    List<Block> blocks = new ArrayList<>();
    String fence = null;
    String lang = "";
    int first = 0;
    List<String> body = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher m = FENCE.matcher(line);
      if (fence == null && m.matches()) {
        fence = m.group(1);
        lang = m.group(2).toLowerCase(Locale.ROOT);
        first = i + 2;
        body = new ArrayList<>();
      } else if (fence != null && closes(fence, line)) {
        blocks.add(new Block(lang, first, List.copyOf(body)));
        fence = null;
      } else if (fence != null) {
        body.add(line);
      }
    }
    return blocks;
  }

  private static boolean closes(String fence, String line) {
    String s = line.strip();
    return s.length() >= fence.length() && s.chars().allMatch(c -> c == fence.charAt(0));
  }

  /** Lines outside fenced blocks, with their 1-based numbers; code spans blanked out. */
  private Map<Integer, String> prose() {
    Map<Integer, String> prose = new HashMap<>();
    boolean inFence = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (FENCE.matcher(line).matches()) {
        inFence = !inFence;
        continue;
      }
      if (!inFence) {
        prose.put(i + 1, CODE_SPAN.matcher(line).replaceAll(""));
      }
    }
    return prose;
  }

  List<Link> links() {
    List<Link> links = new ArrayList<>();
    prose().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      Matcher m = LINK.matcher(e.getValue());
      while (m.find()) {
        links.add(new Link(e.getKey(), m.group(2)));
      }
    });
    return links;
  }

  /** The anchors GitHub gives the headings, in order, repeated ones numbered -1, -2 … */
  Set<String> anchors() {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    for (String line : lines) {
      if (FENCE.matcher(line).matches()) {
        inFence = !inFence;
        continue;
      }
      Matcher m = HEADING.matcher(line);
      if (!inFence && m.matches()) {
        String slug = slug(m.group(1));
        int n = seen.merge(slug, 1, Integer::sum);
        anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
      }
    }
    return anchors;
  }

  /**
   * GitHub's heading anchor: the text without inline markup, lowercase, every character that is
   * not a letter, digit, mark, space, '-' or '_' removed, spaces turned into '-'.
   */
  static String slug(String heading) {
    String text = LINK.matcher(heading).replaceAll("$1").replaceAll("[`*]", "");
    text = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    StringBuilder slug = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c == ' ') {
        slug.append('-');
      } else if (c == '-' || c == '_' || Character.isLetterOrDigit(c)
          || Character.getType(c) == Character.NON_SPACING_MARK
          || Character.getType(c) == Character.COMBINING_SPACING_MARK) {
        slug.appendCodePoint(c);
      }
    });
    return slug.toString();
  }
}
