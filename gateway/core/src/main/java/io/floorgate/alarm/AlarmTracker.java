package io.floorgate.alarm;

import io.floorgate.config.AlarmKind;
import io.floorgate.config.AlarmRuleConfig;
import io.floorgate.maintenance.Counter;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One alarm's ISA-18.2 state machine. The engine's thread owns it: not thread-safe.
 *
 * <p>The raw condition (limit with deadband hysteresis) is tracked apart from the alarm: the alarm
 * is raised only once the condition has held for the on-delay, and cleared once it has been gone
 * for the off-delay, so a value chattering around its limit raises one alarm, not a storm. While
 * the condition cannot be judged (bad quality, no value yet) it keeps its last state.
 */
final class AlarmTracker {

  /** Readings come by exception: a rate that has had no new value for this long is zero. */
  static final Duration RATE_QUIET = Duration.ofSeconds(5);

  /** Emits a transition of this tracker. */
  interface Emitter {
    void emit(AlarmTracker tracker, Transition transition, Instant now, String by,
        @Nullable String comment);
  }

  final AlarmRule rule;
  private final AlarmRuleConfig cfg;

  boolean active;
  boolean acked = true;
  boolean suppressed;
  /** Suppressed from outside the rule's own suppressWhen: see {@link DesignedSuppression}. */
  boolean designSuppressed;
  boolean outOfService;
  @Nullable Instant shelvedUntil;
  @Nullable String shelvedBy;

  /** The raw condition with hysteresis; null while it cannot be judged. */
  private @Nullable Boolean condition;
  private Instant conditionSince = Instant.EPOCH;
  private final Evaluator evaluator;
  /** RUN_HOURS and COUNT: the maintenance counter whose interval is the condition. */
  final @Nullable Counter counter;

  @Nullable Object tripValue;
  @Nullable Quality tripQuality;
  @Nullable Instant raisedAt;
  @Nullable Instant clearedAt;
  @Nullable Instant tripSourceTime;
  @Nullable Instant tripGatewayTime;
  @Nullable String ackedBy;
  @Nullable Instant ackedAt;
  @Nullable String comment;
  @Nullable String lastEventId;

  /** PLC conditions only: what Acknowledge needs, the PLC's text, and who asked to ack. */
  @Nullable String plcConditionId;
  @Nullable String plcEventId;
  @Nullable String plcMessage;
  @Nullable String pendingAckBy;
  @Nullable String pendingAckComment;

  AlarmTracker(AlarmRule rule) {
    this.rule = rule;
    this.cfg = rule.config();
    this.outOfService = !cfg.inService();
    this.evaluator = new Evaluator(rule);
    this.counter = cfg.kind() == AlarmKind.RUN_HOURS || cfg.kind() == AlarmKind.COUNT
        ? new Counter(rule.id().toString(), rule.tag(), cfg.name(), cfg.kind(),
            java.util.Objects.requireNonNull(cfg.interval(), "interval"), cfg.above())
        : null;
  }

  AlarmState state() {
    return AlarmState.of(active, acked, shelvedUntil != null, suppressed, outOfService);
  }

  /** Restores the state kept before a restart. */
  void restore(Alarm saved) {
    active = saved.active();
    acked = saved.acked();
    outOfService = outOfService || saved.state() == AlarmState.OUT_OF_SERVICE;
    shelvedUntil = saved.shelvedUntil();
    shelvedBy = saved.shelvedBy();
    tripValue = saved.value();
    tripQuality = saved.quality() == null ? null : Quality.valueOf(saved.quality());
    raisedAt = saved.raisedAt();
    clearedAt = saved.clearedAt();
    tripSourceTime = saved.sourceTime();
    tripGatewayTime = saved.gatewayTime();
    ackedBy = saved.ackedBy();
    ackedAt = saved.ackedAt();
    comment = saved.comment();
    lastEventId = saved.lastEventId();
    // A rule's condition is taken to be as it was until readings say otherwise. A PLC condition
    // has none here: the PLC decides, and a tick would raise it again after the PLC cleared it.
    if (active && !outOfService && cfg.kind() != AlarmKind.CONDITION) {
      condition = true;
      conditionSince = raisedAt == null ? Instant.EPOCH : raisedAt;
      evaluator.resume(saved);
    }
  }

  /**
   * Re-judges the condition from the latest readings of the rule's inputs, then applies delays.
   *
   * @param main       latest reading of the watched tag, or null
   * @param other      latest reading of the DEVIATION's other tag, or null
   * @param suppressor latest reading of the suppression tag, or null
   */
  void update(@Nullable Reading main, @Nullable Reading other, @Nullable Reading suppressor,
      boolean mainChanged, Instant now, Emitter out) {
    if (counter != null && mainChanged && main != null) {
      // The machine runs whatever the alarm's state: counting never pauses with the alarm.
      counter.onReading(main, now);
    }
    if (outOfService) {
      return;
    }
    boolean suppress = designSuppressed || cfg.suppressWhen() != null && suppressor != null
        && suppressor.quality() != Quality.BAD
        && Values.matches(suppressor.value(), cfg.suppressWhen().equals());
    if (suppress && !suppressed) {
      suppressed = true;
      forceNormal();
      out.emit(this, Transition.SUPPRESS, now, AlarmEvent.SYSTEM, null);
      return;
    }
    if (suppress) {
      return;
    }
    if (suppressed) {
      suppressed = false;
      out.emit(this, Transition.UNSUPPRESS, now, AlarmEvent.SYSTEM, null);
    }
    Boolean judged = counter != null ? Boolean.valueOf(counter.due())
        : evaluator.judge(main, other, mainChanged, Boolean.TRUE.equals(condition));
    if (judged != null && !judged.equals(condition)) {
      condition = judged;
      conditionSince = now;
    }
    if (main != null) {
      tripCandidate = main;
    }
    advance(now, out);
  }

  private @Nullable Reading tripCandidate;

  /** Any reading of the rule's inputs, whatever the alarm's state: the maintenance kinds need it. */
  void observe(Reading reading, Instant now) {
    evaluator.observe(reading, now);
  }

  /** Applies delays, a quiet rate and the shelve's end; called on every reading and tick. */
  void advance(Instant now, Emitter out) {
    // The maintenance kinds are judged on ticks too: a stuck or stalled tag sends no reading.
    Boolean overTime = outOfService || suppressed ? null : evaluator.judgeOverTime(now, active);
    if (overTime != null && !overTime.equals(condition)) {
      condition = overTime;
      conditionSince = now;
    }
    if (shelvedUntil != null && !now.isBefore(shelvedUntil)) {
      unshelve(AlarmEvent.SYSTEM, "shelve expired", now, out);
    }
    if (counter != null) {
      counter.tick(now);
      if (!outOfService && !suppressed && !Boolean.valueOf(counter.due()).equals(condition)) {
        condition = counter.due();
        conditionSince = now;
      }
    }
    if (outOfService || suppressed || condition == null) {
      return;
    }
    if (cfg.kind() == AlarmKind.RATE && condition && evaluator.quietFor(now, RATE_QUIET)) {
      condition = false;
      conditionSince = now;
    }
    Duration held = Duration.between(conditionSince, now);
    if (condition && !active && held.compareTo(cfg.onDelay()) >= 0) {
      raise(now, out);
    } else if (!condition && active && held.compareTo(cfg.offDelay()) >= 0) {
      active = false;
      clearedAt = now;
      out.emit(this, Transition.CLEAR, now, AlarmEvent.SYSTEM, null);
    }
  }

  private void raise(Instant now, Emitter out) {
    active = true;
    acked = shelvedUntil != null;
    tripValue = counter != null ? (Object) counter.value()
        : cfg.kind() == AlarmKind.DISCRETE && tripCandidate != null
        ? tripCandidate.value() : evaluator.measured();
    Reading at = tripCandidate;
    tripQuality = at == null ? null : at.quality();
    tripSourceTime = at == null ? null : at.sourceTime();
    tripGatewayTime = at == null ? null : at.gatewayTime();
    raisedAt = now;
    ackedBy = null;
    ackedAt = null;
    comment = null;
    out.emit(this, Transition.RAISE, now, AlarmEvent.SYSTEM, null);
  }

  void acknowledge(String by, @Nullable String text, Instant now, Emitter out) {
    if (outOfService || suppressed) {
      throw conflict("is " + state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + "; there is nothing to acknowledge");
    }
    if (acked) {
      throw conflict(active ? "is already acknowledged" : "is normal; there is nothing to "
          + "acknowledge");
    }
    acked = true;
    ackedBy = by;
    ackedAt = now;
    comment = text;
    out.emit(this, Transition.ACK, now, by, text);
  }

  void shelve(String by, Duration duration, @Nullable String text, Instant now, Emitter out) {
    if (outOfService || suppressed) {
      throw conflict("is " + state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + " and cannot be shelved");
    }
    shelvedUntil = now.plus(duration);
    shelvedBy = by;
    acked = true;
    comment = text;
    out.emit(this, Transition.SHELVE, now, by, text);
  }

  void unshelve(String by, @Nullable String text, Instant now, Emitter out) {
    if (shelvedUntil == null) {
      throw conflict("is not shelved");
    }
    shelvedUntil = null;
    shelvedBy = null;
    // Back from the shelf, an alarm that is still active is annunciated again.
    acked = !active;
    comment = text;
    out.emit(this, Transition.UNSHELVE, now, by, text);
  }

  void removeFromService(String by, @Nullable String text, Instant now, Emitter out) {
    if (outOfService) {
      throw conflict("is already out of service");
    }
    outOfService = true;
    suppressed = false;
    shelvedUntil = null;
    shelvedBy = null;
    forceNormal();
    comment = text;
    out.emit(this, Transition.OUT_OF_SERVICE, now, by, text);
  }

  void returnToService(String by, @Nullable String text, Instant now, Emitter out) {
    if (!outOfService) {
      throw conflict("is in service");
    }
    outOfService = false;
    comment = text;
    out.emit(this, Transition.RETURN_TO_SERVICE, now, by, text);
  }

  /**
   * The maintenance was done: the counter goes back to zero and its alarm to normal, acknowledged
   * by the one who reset it.
   */
  void resetCounter(String by, @Nullable String text, Instant now, Emitter out) {
    java.util.Objects.requireNonNull(counter, "counter").reset(by, text, now);
    condition = false;
    conditionSince = now;
    if (active && !acked) {
      acked = true;
      ackedBy = by;
      ackedAt = now;
      comment = text;
      out.emit(this, Transition.ACK, now, by, text);
    }
    if (active) {
      active = false;
      clearedAt = now;
      comment = text;
      out.emit(this, Transition.CLEAR, now, by, text);
    }
  }

  /** Suppression and removal from service reset the alarm: it must trip again afterwards. */
  private void forceNormal() {
    active = false;
    acked = true;
    condition = null;
    evaluator.reset();
  }

  /**
   * A PLC condition's new state: the PLC decides active and acknowledged; this follows it and
   * emits the transitions it makes.
   */
  void applyCondition(io.floorgate.driver.ConditionEvent e, Instant now, Emitter out) {
    plcConditionId = e.conditionId();
    plcEventId = e.eventId();
    plcMessage = e.message().isBlank() ? plcMessage : e.message();
    if (e.active() && !active) {
      active = true;
      acked = e.acked() || shelvedUntil != null;
      raisedAt = now;
      tripValue = null;
      tripSourceTime = e.time();
      tripGatewayTime = e.receivedAt();
      ackedBy = null;
      ackedAt = null;
      comment = null;
      out.emit(this, Transition.RAISE, now, AlarmEvent.SYSTEM, null);
    } else if (!e.active() && active) {
      active = false;
      clearedAt = now;
      out.emit(this, Transition.CLEAR, now, AlarmEvent.SYSTEM, null);
    }
    if (e.acked() && !acked) {
      acked = true;
      ackedBy = pendingAckBy == null ? "plc" : pendingAckBy;
      comment = pendingAckBy == null ? null : pendingAckComment;
      ackedAt = now;
      pendingAckBy = null;
      pendingAckComment = null;
      out.emit(this, Transition.ACK, now, ackedBy, comment);
    }
  }

  /** Checks that an ack may go to the PLC, and notes who asked, for when the PLC confirms. */
  void prepareConditionAck(String by, @Nullable String text) {
    if (acked) {
      throw conflict(active ? "is already acknowledged" : "is normal; there is nothing to "
          + "acknowledge");
    }
    pendingAckBy = by;
    pendingAckComment = text;
  }

  private AlarmCommandException conflict(String what) {
    return new AlarmCommandException(AlarmCommandException.Reason.CONFLICT,
        "alarm " + rule.id() + " " + what);
  }

  Alarm snapshot() {
    AlarmRuleConfig c = cfg;
    return new Alarm(rule.id().toString(), rule.path(), rule.tag(), rule.connection(), c.kind(),
        c.alarmClass(), c.priority(), c.priority().severity(),
        plcMessage != null ? plcMessage : evaluator.message(),
        c.limit(), rule.unit(), state(), active,
        acked, tripValue, tripQuality == null ? null : tripQuality.name(), raisedAt, clearedAt,
        tripSourceTime, tripGatewayTime, ackedBy, ackedAt, comment, shelvedUntil, shelvedBy,
        lastEventId);
  }
}
