package io.floorgate.alarm;

import io.floorgate.output.StatusSection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * The alarm system's health ({@link AlarmHealth}) on {@code /metrics} and as two tables of the
 * status page. The ranking of frequent alarms is on the page only: an alarm id is no metric tag.
 */
final class AlarmHealthReport implements MeterBinder {

  /** How many of the most frequent alarms the page lists. */
  static final int TOP = 5;

  private final AlarmHealth health;

  AlarmHealthReport(AlarmHealth health) {
    this.health = health;
  }

  @Override
  public void bindTo(MeterRegistry r) {
    FunctionCounter.builder("floorgate.alarms.raised", health, AlarmHealth::raised)
        .description("alarms annunciated (raised, not shelved) since the start").register(r);
    Gauge.builder("floorgate.alarms.raised.last10m", health, AlarmHealth::lastPeriod)
        .description("alarms annunciated in the last 10 minutes (more than 10 is a flood)")
        .register(r);
    FunctionCounter.builder("floorgate.alarms.flood.periods", health, AlarmHealth::floodPeriods)
        .description("10-minute periods with more than 10 alarms annunciated").register(r);
    Gauge.builder("floorgate.alarms.flood.active", health, h -> h.flooding() ? 1 : 0)
        .description("1 while more than 10 alarms were annunciated in the last 10 minutes")
        .register(r);
    Gauge.builder("floorgate.alarms.standing", health, AlarmHealth::standing)
        .description("alarms active for longer than 24 hours").register(r);
    Gauge.builder("floorgate.alarms.shelved", health, h -> h.inState(AlarmState.SHELVED))
        .description("alarms shelved by an operator").register(r);
    Gauge.builder("floorgate.alarms.suppressed", health, h -> h.inState(AlarmState.SUPPRESSED))
        .description("alarms suppressed by design (suppressWhen, suppressedBy, a lost PLC link)")
        .register(r);
  }

  /** "Alarm system health" and "Most frequent alarms (24 h)". */
  List<StatusSection> sections() {
    List<List<String>> figures = List.of(
        List.of("Alarms in the last 10 minutes", Integer.toString(health.lastPeriod()),
            "about 1 is manageable; more than " + AlarmHealth.FLOOD + " is a flood"),
        List.of("In flood now", health.flooding() ? "yes" : "no",
            "more than " + AlarmHealth.FLOOD + " alarms in 10 minutes"),
        List.of("10-minute periods in flood", Long.toString(health.floodPeriods()),
            "since the start"),
        List.of("Alarms raised", Long.toString(health.raised()), "since the start"),
        List.of("Standing alarms", Integer.toString(health.standing()),
            "active for longer than 24 hours"),
        List.of("Shelved", Integer.toString(health.inState(AlarmState.SHELVED)),
            "by an operator, for a limited time"),
        List.of("Suppressed", Integer.toString(health.inState(AlarmState.SUPPRESSED)),
            "by design: suppressWhen, suppressedBy, a lost PLC link"));
    List<List<String>> frequent = new ArrayList<>();
    for (AlarmHealth.Frequent f : health.mostFrequent(TOP)) {
      frequent.add(List.of(f.id(), Integer.toString(f.raises())));
    }
    return List.of(
        new StatusSection("alarm-health", "Alarm system health",
            List.of("Figure", "Value", "Meaning"), figures, "no alarms"),
        new StatusSection("alarm-frequent", "Most frequent alarms (24 h)",
            List.of("Alarm", "Raised"), frequent, "no alarm was raised in the last 24 hours"));
  }
}
