package io.floorgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floorgate.output.Health;
import io.floorgate.output.Output;
import io.floorgate.output.StatusSection;
import io.floorgate.reading.Reading;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Outputs put tables of their own on the status page through {@link Output#statusSections()}. */
class StatusSectionsTest {

  static final PipelineCounts NONE = new PipelineCounts() {
    @Override public long processed() { return 0; }
    @Override public long dropped() { return 0; }
    @Override public long failed() { return 0; }
    @Override public long unknown() { return 0; }
  };

  /** An output whose sections are whatever the test says. */
  record TableOutput(String name, Supplier<List<StatusSection>> sections) implements Output {
    @Override public void start() {}
    @Override public void accept(Reading reading) {}
    @Override public Health health() { return Health.ready("ok"); }
    @Override public List<StatusSection> statusSections() { return sections.get(); }
    @Override public void close() {}
    @Override public void bindTo(MeterRegistry registry) {}
  }

  static StatusJson status(Output... outputs) {
    return new StatusJson(new LinkBook(Clock.systemUTC()), new LatestValues(), List.of(outputs),
        NONE, new SimpleMeterRegistry(), new StatusJson.Setup(1, Duration.ofHours(1), false));
  }

  @Test
  void everyOutputsSectionsAreInTheSummaryInOrder() {
    StatusSection counters = new StatusSection("maintenance", "Maintenance counters",
        List.of("Counter", "Value"), List.of(List.of("mx01 run hours", "1999.5")), "none");
    StatusSection deliveries = new StatusSection("deliveries", "Notification deliveries",
        List.of("Receiver", "Pending"), List.of(), "no receivers");
    StatusJson status = status(new TableOutput("alarms", () -> List.of(counters)),
        new TableOutput("uns", List::of), new TableOutput("notify", () -> List.of(deliveries)));

    assertEquals(List.of(counters, deliveries), status.summary().get("sections"));
  }

  @Test
  void anOutputWhoseSectionsFailShowsItsProblemAndTheOthersStill() {
    StatusSection counters = new StatusSection("maintenance", "Maintenance counters",
        List.of("Counter"), List.of(List.of("a")), "none");
    StatusJson status = status(new TableOutput("notify", () -> {
      throw new IllegalStateException("outbox closed");
    }), new TableOutput("alarms", () -> List.of(counters)));

    @SuppressWarnings("unchecked")
    List<StatusSection> sections = (List<StatusSection>) status.summary().get("sections");
    assertEquals(List.of("notify-error", "maintenance"),
        sections.stream().map(StatusSection::id).toList());
    assertEquals("status not available: java.lang.IllegalStateException: outbox closed",
        sections.get(0).rows().get(0).get(0));
  }

  @Test
  void aRowMustFitItsColumns() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StatusSection("x", "X", List.of("a", "b"), List.of(List.of("1")), ""));
    assertEquals("section x: a row of 1 cells under 2 columns", e.getMessage());
  }
}
