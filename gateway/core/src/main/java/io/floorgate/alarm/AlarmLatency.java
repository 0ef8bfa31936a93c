package io.floorgate.alarm;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The alarm lane's own latency, {@code floorgate.alarms.latency} by {@code stage}: for every
 * RAISE, from the driver's hand-over of the reading that tripped it (the reading's gateway time,
 * which the alarm carries; an on-delay is included) to each point where the lane has done its
 * part. Only RAISEs are timed: a CLEAR's alarm still carries the tripping reading's time.
 *
 * <p>Recording is a clock read and a lock-free histogram update, on whichever thread reached the
 * stage (the WebSocket's event loop, the alarm MQTT sender, the MQTT client's callback); it never
 * blocks the lane. Nothing is recorded before {@link #bindTo}.
 */
public final class AlarmLatency implements MeterBinder {

  /** Where a RAISE has got to. */
  public enum Stage {
    /** The WebSocket frame written to a stream client's socket (once per client). */
    WEBSOCKET,
    /** The transition's PUBLISH on the events topic handed to the alarm MQTT client. */
    MQTT_PUBLISH,
    /** Its PUBACK received from the broker. */
    MQTT_PUBACK;

    /** The meter's tag value, e.g. {@code mqtt-puback}. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Targets of the lane, published as buckets of their own so that a ratio is exact. */
  private static final Duration[] OBJECTIVES = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5)};

  private volatile @Nullable Map<Stage, Timer> timers;

  @Override
  public void bindTo(MeterRegistry registry) {
    Map<Stage, Timer> bound = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      bound.put(stage, Timer.builder("floorgate.alarms.latency").tag("stage", stage.tag())
          .description("alarm RAISE from the hand-over of the reading that tripped it to this "
              + "stage of the alarm lane")
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofNanos(100_000))
          .maximumExpectedValue(Duration.ofSeconds(10))
          .serviceLevelObjectives(OBJECTIVES)
          .register(registry));
    }
    timers = bound;
  }

  /** Notes that {@code event} reached {@code stage} now, if it is a RAISE with a hand-over time. */
  public void record(Stage stage, AlarmEvent event) {
    Map<Stage, Timer> t = timers;
    Instant handedOver = event.alarm().gatewayTime();
    if (t == null || handedOver == null || event.transition() != Transition.RAISE) {
      return;
    }
    // Wall-clock time on both sides: the reading's gateway time is an Instant. A clock step
    // backwards would make it negative; that is not a latency, so it counts as zero.
    long nanos = Duration.between(handedOver, Instant.now()).toNanos();
    t.get(stage).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }
}
