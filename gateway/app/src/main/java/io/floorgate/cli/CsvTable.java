package io.floorgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.floorgate.config.ConfigRules;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A spreadsheet's CSV export read as rows of named values. Spreadsheets write it in more than
 * one way, and each is accepted: UTF-8 with or without a byte order mark (Excel's "CSV UTF-8"
 * writes one), ',' or ';' between values (Excel in most of Europe writes ';', and then a decimal
 * comma) or a tab (a copy from the sheet), quoted values with separators or line breaks inside.
 * The header row names the columns in any order and any case.
 */
final class CsvTable {

  private record Cells(int line, List<String> values) {}

  private CsvTable() {}

  /**
   * The rows under the header, blank ones skipped; null when the file or its header cannot be
   * used (reported). Unknown and repeated columns are reported and their values ignored.
   *
   * @param columns  the known columns, spelt as they are written in the help
   * @param required the columns that must be there
   */
  static @Nullable List<CsvRow> read(Path file, List<String> columns, List<String> required,
      ImportProblems problems) {
    String text = text(file, problems);
    if (text == null) {
      return null;
    }
    char separator = separator(text);
    List<Cells> rows = cells(text, separator, problems);
    if (rows == null) {
      return null;
    }
    if (rows.isEmpty()) {
      problems.add(0, "", "is empty; the first line names the columns (" + String.join(",",
          columns) + "), one tag per line below it");
      return null;
    }
    Cells header = rows.get(0);
    List<@Nullable String> names = header(header, columns, required, problems);
    if (names == null) {
      return null;
    }
    if (rows.size() == 1) {
      problems.add(header.line(), "", "has no tags below the header; add one line per tag");
    }
    List<CsvRow> read = new ArrayList<>();
    for (Cells row : rows.subList(1, rows.size())) {
      CsvRow named = named(row, names, separator, problems);
      if (named != null) {
        read.add(named);
      }
    }
    return read;
  }

  /** The file as text, without a byte order mark; null when it is not UTF-8 (reported). */
  private static @Nullable String text(Path file, ImportProblems problems) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      problems.add(0, "", "is not UTF-8 text; in Excel save it as \"CSV UTF-8\", in LibreOffice "
          + "choose the character set Unicode (UTF-8)");
    } catch (IOException e) {
      problems.add(0, "", "cannot be read (" + e + "); check the path and that you may read it");
    }
    return null;
  }

  /** A row's values by column; null when it has more values than the header has names. */
  private static @Nullable CsvRow named(Cells row, List<@Nullable String> names, char separator,
      ImportProblems problems) {
    List<String> cells = row.values();
    if (cells.subList(Math.min(names.size(), cells.size()), cells.size()).stream()
        .anyMatch(v -> !v.isBlank())) {
      // Its values are shifted: reading them by column would only report follow-on errors.
      problems.add(row.line(), "", "has " + cells.size() + " values but the header names "
          + names.size() + " columns; quote a value that contains '" + separator + "', e.g. "
          + "\"ns=2" + separator + "s=A.B\"");
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      String value = cells.get(i).strip();
      String name = names.get(i);
      if (value.isEmpty() || name == null) {
        continue;
      }
      if (name.isEmpty()) {
        problems.add(row.line(), "", "has a value in column " + (i + 1) + ", which has no name "
            + "in the header; name the column or clear the value");
      } else {
        values.put(name, value);
      }
    }
    return new CsvRow(row.line(), values, separator == ';', problems);
  }

  /** The most frequent of ',', ';' and tab outside quotes on the first line; ',' if none. */
  static char separator(String text) {
    int comma = 0;
    int semicolon = 0;
    int tab = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r') && comma + semicolon + tab > 0) {
        break;
      } else if (!quoted) {
        comma += c == ',' ? 1 : 0;
        semicolon += c == ';' ? 1 : 0;
        tab += c == '\t' ? 1 : 0;
      }
    }
    if (semicolon > comma && semicolon >= tab) {
      return ';';
    }
    return tab > comma ? '\t' : ',';
  }

  /** Every non-blank row with the line it starts on; null after a syntax error (reported). */
  private static @Nullable List<Cells> cells(String text, char separator,
      ImportProblems problems) {
    List<Cells> rows = new ArrayList<>();
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
    int line = 0;
    int lastLine = 0;
    @Nullable List<String> values = null;
    try (CsvParser parser = new CsvMapper().getFactory().createParser(text)) {
      parser.setSchema(schema);
      parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
      // Without columns in the schema each row is an array of its values, inside the array
      // WRAP_AS_ARRAY puts around the whole file.
      parser.nextToken();
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.START_ARRAY) {
          values = new ArrayList<>();
          line = 0;
        } else if (token == JsonToken.VALUE_STRING && values != null) {
          line = line == 0 ? parser.currentTokenLocation().getLineNr() : line;
          values.add(parser.getText());
        } else if (token == JsonToken.END_ARRAY && values != null) {
          lastLine = parser.currentTokenLocation().getLineNr();
          if (values.stream().anyMatch(v -> !v.isBlank())) {
            rows.add(new Cells(line, List.copyOf(values)));
          }
          values = null;
        }
      }
    } catch (JsonProcessingException e) {
      problems.add(lastLine + 1, "", "cannot be read as CSV (" + e.getOriginalMessage() + "); "
          + "check the quotes from this line on: a quoted value ends with '\"', and a '\"' "
          + "inside it is written twice");
      return null;
    } catch (IOException e) {
      throw new IllegalStateException("reading text from memory failed", e);
    }
    return rows;
  }

  /**
   * The known column of each header cell: null for an unknown or repeated one (reported), ""
   * for an unnamed one; null when a required column is missing (then no row can be read).
   */
  private static @Nullable List<@Nullable String> header(Cells header, List<String> columns,
      List<String> required, ImportProblems problems) {
    List<@Nullable String> names = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < header.values().size(); i++) {
      String given = header.values().get(i).strip();
      String known = columns.stream().filter(c -> c.equalsIgnoreCase(given)).findFirst()
          .orElse(null);
      if (given.isEmpty()) {
        known = "";
      } else if (known == null) {
        String near = ConfigRules.closest(given, columns);
        problems.add(header.line(), "header", "unknown column '" + given + "'; "
            + (near != null ? "did you mean '" + near + "'? " : "")
            + "the columns are " + String.join(",", columns));
      } else if (seen.putIfAbsent(known, i + 1) != null) {
        problems.add(header.line(), "header", "column '" + given + "' appears twice (columns "
            + seen.get(known) + " and " + (i + 1) + "); keep one");
        known = null;
      }
      names.add(known);
    }
    List<String> missing = required.stream().filter(c -> !seen.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      problems.add(header.line(), "header", "has no " + String.join(" or ", missing)
          + " column; the first line names the columns, e.g. " + String.join(",", columns)
          + " (" + String.join(" and ", required) + " required)");
      return null;
    }
    return names;
  }
}
