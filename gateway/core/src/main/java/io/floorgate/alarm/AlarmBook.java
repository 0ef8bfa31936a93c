package io.floorgate.alarm;

import io.floorgate.maintenance.Counter;
import io.floorgate.reading.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Every alarm of the gateway and the latest reading of each tag they read: routes readings to the
 * alarms that need them, runs timers, carries out operator commands, and emits each transition.
 * Single-threaded (the engine's thread); tests drive it directly with a clock they control.
 */
final class AlarmBook {

  private final Clock clock;
  private final Consumer<AlarmEvent> out;
  private final Map<AlarmId, AlarmTracker> byId = new LinkedHashMap<>();
  private final Map<String, List<AlarmTracker>> byInput = new HashMap<>();
  private final Map<String, Reading> latest = new HashMap<>();
  private final Map<AlarmId, Alarm> restored;
  private final String root;
  /** Unique across restarts without a random number per event: a random run id and a count. */
  private final String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  private long sequence;
  private final AlarmTracker.Emitter emitter = this::emit;
  private final LinkWatch links;
  private final DesignedSuppression designed;

  AlarmBook(List<AlarmRule> rules, Clock clock, Map<AlarmId, Alarm> restored,
      Consumer<AlarmEvent> out) {
    this(rules, clock, restored, out, "");
  }

  /** @param root {@code enterprise/site}, for the paths of PLC conditions */
  AlarmBook(List<AlarmRule> rules, Clock clock, Map<AlarmId, Alarm> restored,
      Consumer<AlarmEvent> out, String root) {
    this.clock = clock;
    this.out = out;
    this.restored = restored;
    this.root = root;
    for (AlarmRule rule : rules) {
      AlarmTracker tracker = new AlarmTracker(rule);
      Alarm saved = restored.get(rule.id());
      if (saved != null) {
        tracker.restore(saved);
      }
      byId.put(rule.id(), tracker);
      // A communication alarm reads no tag: its link state comes through onLinks.
      for (String input : rule.kind() == io.floorgate.config.AlarmKind.COMMUNICATION
          ? List.<String>of() : rule.inputs()) {
        byInput.computeIfAbsent(input, k -> new ArrayList<>()).add(tracker);
      }
    }
    this.links = new LinkWatch(byId.values());
    this.designed = new DesignedSuppression(byId, latest, links,
        t -> update(t, false, clock.instant()));
  }

  /** The PLC links' current states (any that changed reach the communication alarms). */
  void onLinks(Map<String, io.floorgate.driver.LinkState> states) {
    links.update(states, clock.instant(), emitter);
    designed.apply();
  }

  /** Whether any alarm reads this tag path. */
  boolean watches(String path) {
    return byInput.containsKey(path);
  }

  void onReading(Reading reading) {
    List<AlarmTracker> trackers = byInput.get(reading.path());
    if (trackers == null) {
      return;
    }
    latest.put(reading.path(), reading);
    // Suppression first: a reading of a lost link must find its alarm suppressed already.
    designed.before(trackers);
    Instant now = clock.instant();
    for (AlarmTracker t : trackers) {
      t.observe(reading, now);
      update(t, reading.path().equals(t.rule.tag()), now);
    }
    designed.after(reading.path(), trackers);
  }

  private void update(AlarmTracker t, boolean mainChanged, Instant now) {
    AlarmRule r = t.rule;
    t.update(latest.get(r.tag()), r.against() == null ? null : latest.get(r.against()),
        r.suppressedBy() == null ? null : latest.get(r.suppressedBy()), mainChanged, now, emitter);
  }

  /** A PLC condition's state; its alarm is created the first time the condition is seen. */
  void onCondition(io.floorgate.driver.ConditionEvent e, String area) {
    AlarmId id = ConditionRules.id(area, e);
    AlarmTracker t = byId.get(id);
    if (t == null) {
      t = new AlarmTracker(ConditionRules.rule(root, area, e));
      Alarm saved = restored.get(id);
      if (saved != null) {
        t.restore(saved);
      }
      byId.put(id, t);
    }
    t.applyCondition(e, clock.instant(), emitter);
  }

  /** What acknowledging a PLC condition needs; null when the alarm is the gateway's own. */
  ConditionRules.@Nullable PlcAck plcAck(String id, String by, @Nullable String comment) {
    AlarmTracker t = find(id);
    if (t.rule.kind() != io.floorgate.config.AlarmKind.CONDITION) {
      return null;
    }
    t.prepareConditionAck(by, comment);
    return new ConditionRules.PlcAck(t.rule.connection(), String.valueOf(t.plcConditionId),
        String.valueOf(t.plcEventId));
  }

  /** The PLC accepted the ack: acknowledged here too unless its event already said so. */
  Alarm confirmPlcAck(String id) {
    AlarmTracker t = find(id);
    if (!t.acked) {
      t.applyCondition(new io.floorgate.driver.ConditionEvent(t.rule.connection(),
          String.valueOf(t.plcConditionId), String.valueOf(t.plcEventId),
          t.rule.config().name(), "", "", t.rule.config().priority().severity(), t.active, true,
          t.active, null, clock.instant()), clock.instant(), emitter);
    }
    return t.snapshot();
  }

  void cancelPlcAck(String id) {
    AlarmTracker t = tracker(id);
    if (t != null) {
      t.pendingAckBy = null;
      t.pendingAckComment = null;
    }
  }

  /** Delays, quiet rates and shelve expiry: called every engine tick. */
  void tick() {
    Instant now = clock.instant();
    for (AlarmTracker t : byId.values()) {
      t.advance(now, emitter);
    }
    designed.apply();
  }

  Alarm acknowledge(String id, String by, @Nullable String comment) {
    AlarmTracker t = find(id);
    t.acknowledge(by, comment, clock.instant(), emitter);
    return t.snapshot();
  }

  Alarm shelve(String id, String by, Duration duration, @Nullable String comment) {
    AlarmTracker t = find(id);
    t.shelve(by, duration, comment, clock.instant(), emitter);
    return t.snapshot();
  }

  Alarm unshelve(String id, String by, @Nullable String comment) {
    AlarmTracker t = find(id);
    t.unshelve(by, comment, clock.instant(), emitter);
    return t.snapshot();
  }

  Alarm removeFromService(String id, String by, @Nullable String comment) {
    AlarmTracker t = find(id);
    t.removeFromService(by, comment, clock.instant(), emitter);
    return t.snapshot();
  }

  Alarm returnToService(String id, String by, @Nullable String comment) {
    AlarmTracker t = find(id);
    Instant now = clock.instant();
    t.returnToService(by, comment, now, emitter);
    update(t, true, now);
    return t.snapshot();
  }

  /** The maintenance counters (RUN_HOURS and COUNT rules), in config order. */
  List<Counter> counters() {
    List<Counter> counters = new ArrayList<>();
    for (AlarmTracker t : byId.values()) {
      if (t.counter != null) {
        counters.add(t.counter);
      }
    }
    return counters;
  }

  /** Sets a maintenance counter to zero and clears its alarm. */
  Counter resetCounter(String id, String by, @Nullable String comment) {
    AlarmTracker t = tracker(id);
    if (t == null || t.counter == null) {
      throw new AlarmCommandException(AlarmCommandException.Reason.NOT_FOUND,
          "no maintenance counter has the id '" + id + "'; GET /api/maintenance lists them");
    }
    t.resetCounter(by, comment, clock.instant(), emitter);
    return t.counter;
  }

  @Nullable Alarm get(String id) {
    AlarmTracker t = tracker(id);
    return t == null ? null : t.snapshot();
  }

  List<Alarm> all() {
    List<Alarm> alarms = new ArrayList<>(byId.size());
    for (AlarmTracker t : byId.values()) {
      alarms.add(t.snapshot());
    }
    return alarms;
  }

  private AlarmTracker find(String id) {
    AlarmTracker t = tracker(id);
    if (t == null) {
      throw new AlarmCommandException(AlarmCommandException.Reason.NOT_FOUND,
          "no alarm has the id '" + id + "'; GET /api/alarms lists them");
    }
    return t;
  }

  /** The alarm with this id in its string form, as the API and operators give it; null if none. */
  private @Nullable AlarmTracker tracker(String id) {
    AlarmId parsed = AlarmId.tryParse(id);
    return parsed == null ? null : byId.get(parsed);
  }

  private void emit(AlarmTracker t, Transition transition, Instant now, String by,
      @Nullable String comment) {
    String eventId = runId + "-" + (++sequence);
    t.lastEventId = eventId;
    out.accept(new AlarmEvent(eventId, transition, now, by, comment, t.snapshot()));
  }
}
