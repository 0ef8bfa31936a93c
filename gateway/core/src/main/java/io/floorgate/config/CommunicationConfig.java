package io.floorgate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The communication alarm of every PLC connection ({@code alarms.communication} in YAML): one
 * alarm "PLC rhk01 communication lost" when a connection's link stays down, instead of a
 * bad-quality alarm for each of its tags (those are suppressed while the link is down).
 *
 * <p>Defaults and bounds: {@code enabled} true; {@code priority} high; {@code onDelay} 10s
 * (0–1h): how long the link must be down before the alarm is raised, so that a PLC restart or a
 * short network hiccup is not annunciated.
 *
 * @param enabled  false: no communication alarms, and a lost link no longer suppresses the
 *                 quality alarms of its tags
 * @param priority the communication alarms' priority
 * @param onDelay  how long the link must be down before the alarm is raised
 */
public record CommunicationConfig(boolean enabled, AlarmPriority priority, Duration onDelay) {

  public static final AlarmPriority DEFAULT_PRIORITY = AlarmPriority.HIGH;
  public static final Duration DEFAULT_ON_DELAY = Duration.ofSeconds(10);
  public static final Duration MAX_ON_DELAY = Duration.ofHours(1);
  /** What an {@code alarms:} section without {@code communication:} gets. */
  public static final CommunicationConfig DEFAULT =
      new CommunicationConfig(true, DEFAULT_PRIORITY, DEFAULT_ON_DELAY);

  public CommunicationConfig {
    Objects.requireNonNull(priority, "priority");
    Checks.within("onDelay", onDelay, Duration.ZERO, MAX_ON_DELAY);
  }
}
