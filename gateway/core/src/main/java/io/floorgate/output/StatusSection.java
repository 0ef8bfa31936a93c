package io.floorgate.output;

import java.util.List;
import java.util.Objects;

/**
 * A table an output adds to the status page (maintenance counters, notification deliveries, the
 * alarm system's health): the page draws every section the same way, so a feature shows its state
 * without the page knowing the feature.
 *
 * @param id      a stable, URL-safe name: the section's element id on the page
 * @param title   the heading an operator reads
 * @param columns the column headings
 * @param rows    the cells, as text, one list per row, each as long as {@code columns}
 * @param empty   what the table says when it has no rows
 */
public record StatusSection(String id, String title, List<String> columns,
    List<List<String>> rows, String empty) {

  public StatusSection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(empty, "empty");
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("section " + id + ": a row of " + row.size()
            + " cells under " + columns.size() + " columns");
      }
    }
  }
}
