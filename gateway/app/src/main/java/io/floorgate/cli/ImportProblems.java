package io.floorgate.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What is wrong with a tag list, collected so that {@code import-tags} reports every mistake at
 * once, each with its line in the file and what to change, the way {@code check} does.
 */
final class ImportProblems {

  /**
   * @param line  1-based line of the file; 0 for the file or the command line as a whole
   * @param where the column or option concerned, empty for the row or file as a whole
   */
  record Problem(int line, String where, String message) {}

  private final String source;
  private final List<Problem> problems = new ArrayList<>();

  ImportProblems(String source) {
    this.source = source;
  }

  void add(int line, String where, String message) {
    problems.add(new Problem(line, where, message));
  }

  int count() {
    return problems.size();
  }

  boolean any() {
    return !problems.isEmpty();
  }

  /**
   * A header with the count, then one problem per line in file order, in the form compilers use
   * ({@code kiln.csv:7: path: level 'Zone 3' may only contain ...}) so that editors jump to it.
   */
  String report() {
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(Problem::line));
    StringBuilder sb = new StringBuilder(source).append(": ").append(sorted.size())
        .append(sorted.size() == 1 ? " error" : " errors").append("; nothing written");
    for (Problem p : sorted) {
      sb.append('\n').append(source);
      if (p.line() > 0) {
        sb.append(':').append(p.line());
      }
      sb.append(": ");
      if (!p.where().isEmpty()) {
        sb.append(p.where()).append(": ");
      }
      sb.append(p.message());
    }
    return sb.toString();
  }
}
