package io.floorgate.alarm;

import io.floorgate.config.AlarmKind;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Suppression by design beyond a rule's own {@code suppressWhen} (ISA-18.2): an alarm is
 * SUPPRESSED (visible, counted, not annunciated) while
 * <ul>
 *   <li>a tag of its {@code suppressedBy:} is true or non-zero (and not BAD), or an alarm of its
 *       {@code suppressedBy:} is active;
 *   <li>it reacts to its tag's readings going BAD ({@link #QUALITY_DRIVEN}) and its connection's
 *       link is lost ({@link LinkWatch#lost}): one communication alarm stands for the link,
 *       instead of one alarm per tag. Released when the link is back and a fresh reading has
 *       come: the alarm is judged on that reading, so it is not raised for the lost link, and a
 *       sensor that really failed meanwhile is raised then.
 * </ul>
 * A quality alarm that is already active when the link drops stays as it is (active, to be
 * acknowledged): it stood for a fault seen before the link was lost, which the lost link neither
 * explains nor mends. Owned by one {@link AlarmBook}: the engine's thread.
 */
final class DesignedSuppression {

  /** The kinds that react to readings going BAD (or stopping) as a lost link makes them. */
  static final Set<AlarmKind> QUALITY_DRIVEN =
      EnumSet.of(AlarmKind.BAD_QUALITY, AlarmKind.STALE, AlarmKind.FROZEN);
  /** Chains (A suppresses B suppresses C) settle in this many passes; cycles cannot loop. */
  private static final int PASSES = 4;

  private record Watched(AlarmTracker tracker, List<AlarmId> alarms, boolean link) {}

  private final Map<AlarmTracker, Watched> watched = new LinkedHashMap<>();
  /** The tags and alarms that suppress others: a change of theirs is worth a full pass. */
  private final Set<String> suppressorTags = new HashSet<>();
  private final Set<AlarmId> suppressorAlarms = new HashSet<>();
  private final Map<AlarmId, AlarmTracker> byId;
  private final Map<String, Reading> latest;
  private final LinkWatch links;
  private final Consumer<AlarmTracker> reevaluate;

  /**
   * @param byId       every alarm of the book
   * @param latest     the latest reading of each tag the alarms read
   * @param links      the PLC links and communication alarms
   * @param reevaluate re-judges a tracker whose suppression changed (it emits SUPPRESS/UNSUPPRESS)
   */
  DesignedSuppression(Map<AlarmId, AlarmTracker> byId, Map<String, Reading> latest,
      LinkWatch links, Consumer<AlarmTracker> reevaluate) {
    this.byId = byId;
    this.latest = latest;
    this.links = links;
    this.reevaluate = reevaluate;
    for (AlarmTracker t : byId.values()) {
      List<AlarmId> alarms = new ArrayList<>();
      for (String reference : t.rule.config().suppressedBy()) {
        AlarmId id = reference.indexOf('/') < 0 ? AlarmId.tryParse(reference) : null;
        if (id != null) {
          alarms.add(id);
        }
      }
      boolean link = links.enabled() && QUALITY_DRIVEN.contains(t.rule.kind());
      if (link || !alarms.isEmpty() || !t.rule.suppressorTags().isEmpty()) {
        watched.put(t, new Watched(t, List.copyOf(alarms), link));
      }
      suppressorTags.addAll(t.rule.suppressorTags());
      suppressorAlarms.addAll(alarms);
    }
  }

  /** Brings every watched alarm's suppression up to date with the tags, alarms and links. */
  void apply() {
    for (int pass = 0; pass < PASSES; pass++) {
      if (!apply(watched.values())) {
        return;
      }
    }
  }

  /**
   * Before a reading is judged by {@code trackers}: their own suppression, so that a reading of a
   * lost link finds its alarm suppressed already.
   */
  void before(List<AlarmTracker> trackers) {
    List<Watched> these = new ArrayList<>(trackers.size());
    for (AlarmTracker t : trackers) {
      Watched w = watched.get(t);
      if (w != null) {
        these.add(w);
      }
    }
    apply(these);
  }

  /**
   * After a reading of {@code path} was judged by {@code trackers}: a full pass only when it can
   * have changed another alarm's suppression (a suppressing tag, or a suppressing alarm judged).
   * The engine's tick makes a full pass anyway.
   */
  void after(String path, List<AlarmTracker> trackers) {
    boolean concerns = suppressorTags.contains(path);
    for (int i = 0; i < trackers.size() && !concerns; i++) {
      concerns = suppressorAlarms.contains(trackers.get(i).rule.id());
    }
    if (concerns) {
      apply();
    }
  }

  private boolean apply(Iterable<Watched> these) {
    boolean changed = false;
    for (Watched w : these) {
      AlarmTracker t = w.tracker();
      boolean wanted = wanted(w);
      if (wanted != t.designSuppressed) {
        t.designSuppressed = wanted;
        reevaluate.accept(t);
        changed = true;
      }
    }
    return changed;
  }

  private boolean wanted(Watched w) {
    AlarmTracker t = w.tracker();
    for (String tag : t.rule.suppressorTags()) {
      Reading r = latest.get(tag);
      if (r != null && r.quality() != Quality.BAD && truthy(r.value())) {
        return true;
      }
    }
    for (AlarmId id : w.alarms()) {
      AlarmTracker other = byId.get(id);
      if (other != null && other.active && other != t) {
        return true;
      }
    }
    return w.link() && links.lost(t.rule.connection(), latest.get(t.rule.tag()))
        && (t.designSuppressed || !t.active);
  }

  /** True, or a number other than zero. */
  private static boolean truthy(@Nullable Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    Double d = Values.number(value);
    return d != null && d != 0;
  }
}
