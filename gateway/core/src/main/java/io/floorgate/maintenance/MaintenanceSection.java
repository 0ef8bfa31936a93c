package io.floorgate.maintenance;

import io.floorgate.output.StatusSection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The status page's "Maintenance counters" table. */
public final class MaintenanceSection {

  public static final String ID = "maintenance";
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private MaintenanceSection() {}

  /** One row per counter: what, how far, of what, and who last reset it. */
  public static StatusSection of(List<CounterView> counters) {
    List<List<String>> rows = new ArrayList<>();
    for (CounterView c : counters) {
      rows.add(List.of(c.id(), number(c.value(), c.unit()), number(c.interval(), c.unit()),
          String.format(Locale.ROOT, "%.0f %%", c.fraction() * 100), lastReset(c)));
    }
    return new StatusSection(ID, "Maintenance counters",
        List.of("Counter", "Value", "Interval", "Used", "Last reset"), rows,
        "No maintenance counters: add alarm rules of type runHours or count");
  }

  private static String number(double value, String unit) {
    return "h".equals(unit) ? String.format(Locale.ROOT, "%.2f h", value)
        : String.format(Locale.ROOT, "%.0f", Math.floor(value));
  }

  private static String lastReset(CounterView c) {
    Instant at = c.lastResetAt();
    if (at == null) {
      return "never";
    }
    return WHEN.format(at) + " by " + c.lastResetBy()
        + (c.comment() == null ? "" : ": " + c.comment());
  }
}
