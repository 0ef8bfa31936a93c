package io.floorgate.maintenance;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code floorgate.maintenance.value} and {@code floorgate.maintenance.interval}, one of each per
 * counter, tagged {@code counter=<id>}: the counters are configured and few, so their ids may be
 * a tag. A counter whose rule a reload removed reads NaN; one a reload added gets its gauges then.
 */
public final class MaintenanceMeters implements MeterBinder {

  public static final String VALUE = "floorgate.maintenance.value";
  public static final String INTERVAL = "floorgate.maintenance.interval";

  private final Supplier<List<CounterView>> counters;
  private volatile @Nullable MeterRegistry registry;

  /** @param counters the counters now, any thread */
  public MaintenanceMeters(Supplier<List<CounterView>> counters) {
    this.counters = counters;
  }

  @Override
  public void bindTo(MeterRegistry r) {
    registry = r;
    refresh();
  }

  /** Registers the gauges of counters that have none yet (after a reload). */
  public void refresh() {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    for (CounterView c : counters.get()) {
      String id = c.id();
      Gauge.builder(VALUE, this, m -> m.read(id, false)).tag("counter", id)
          .description("run hours or counts of a maintenance counter since its last reset")
          .register(r);
      Gauge.builder(INTERVAL, this, m -> m.read(id, true)).tag("counter", id)
          .description("the service interval of a maintenance counter, in its unit")
          .register(r);
    }
  }

  private double read(String id, boolean interval) {
    for (CounterView c : counters.get()) {
      if (c.id().equals(id)) {
        return interval ? c.interval() : c.value();
      }
    }
    return Double.NaN;
  }
}
