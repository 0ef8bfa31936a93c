package io.floorgate.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Counts the values a YAML document holds once every alias is expanded, as the parser reads it,
 * and stops at the alias that takes the count past a bound. An alias costs nothing to compose
 * (it is the anchored node again) but every reader walks it as often as it is used: ten nested
 * anchors of ten aliases each ("billion laughs") are a few lines that expand to 10^10 values.
 * Bounding the expanded size, rather than SnakeYAML's count of aliases, keeps that out while a
 * plant with hundreds of tags sharing {@code range: *r} loads.
 */
final class ExpansionBound implements Parser {

  /** The expanded config is too large; {@link #mark()} is the alias that made it so. */
  static final class TooLarge extends YAMLException {
    private final transient Mark mark;
    private final @Nullable String anchor;

    TooLarge(Mark mark, @Nullable String anchor) {
      super("the expanded config is too large");
      this.mark = mark;
      this.anchor = anchor;
    }

    Mark mark() {
      return mark;
    }

    /** The alias's anchor name; null when the document is too large without one. */
    @Nullable String anchor() {
      return anchor;
    }
  }

  private final Parser parser;
  private final long limit;
  /** Each anchor's expanded size, as last defined (YAML lets a later anchor reuse a name). */
  private final Map<String, Long> anchored = new HashMap<>();
  /** The collections being read: their anchor, and the count before them. */
  private final Deque<Open> open = new ArrayDeque<>();
  private long values;

  private record Open(@Nullable String anchor, long before) {}

  ExpansionBound(Parser parser, long limit) {
    this.parser = parser;
    this.limit = limit;
  }

  /** Values read so far, aliases expanded. */
  long values() {
    return values;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return parser.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public Event getEvent() {
    Event event = parser.getEvent();
    count(event);
    return event;
  }

  private void count(Event event) {
    if (event instanceof AliasEvent alias) {
      // An unknown anchor is the composer's to report.
      values += anchored.getOrDefault(alias.getAnchor(), 1L);
      if (values > limit) {
        throw new TooLarge(alias.getStartMark(), alias.getAnchor());
      }
    } else if (event instanceof ScalarEvent scalar) {
      values++;
      if (scalar.getAnchor() != null) {
        anchored.put(scalar.getAnchor(), 1L);
      }
    } else if (event instanceof CollectionStartEvent start) {
      open.push(new Open(start.getAnchor(), values));
      values++;
    } else if (event instanceof CollectionEndEvent && !open.isEmpty()) {
      Open collection = open.pop();
      if (collection.anchor() != null) {
        anchored.put(collection.anchor(), values - collection.before());
      }
    }
    if (values > limit) {
      throw new TooLarge(event.getStartMark(), null);
    }
  }
}
