package io.floorgate.normalize;

import io.floorgate.config.TimestampPolicy;
import io.floorgate.reading.TimestampSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the timestamp of one connection's readings by its {@link TimestampPolicy}: the preferred
 * clock when its time is plausible, else the next one (source → server → gateway).
 *
 * <p>PLC clocks that reset to 2000-01-01 after a battery change, or run ahead, are common; their
 * readings keep flowing with the server's or gateway's time, and the operator is told once every
 * few minutes per connection so the log is not flooded at the tag rate.
 */
final class TimestampChooser {

  static final Duration WARN_INTERVAL = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(TimestampChooser.class);

  /** The chosen time and the clock it came from. */
  record Choice(Instant time, TimestampSource source) {}

  private final String connection;
  private final TimestampPolicy policy;
  private final Clock clock;
  private @Nullable Instant lastWarning;

  TimestampChooser(String connection, TimestampPolicy policy, Clock clock) {
    this.connection = connection;
    this.policy = policy;
    this.clock = clock;
  }

  Choice choose(@Nullable Instant source, @Nullable Instant server, Instant received) {
    Instant now = clock.instant();
    TimestampSource preferred = policy.preferred();
    Choice choice;
    if (preferred == TimestampSource.SOURCE && plausible(source, now)) {
      choice = new Choice(source, TimestampSource.SOURCE);
    } else if (preferred != TimestampSource.GATEWAY && plausible(server, now)) {
      choice = new Choice(server, TimestampSource.SERVER);
    } else {
      choice = new Choice(received, TimestampSource.GATEWAY);
    }
    if (choice.source() != preferred) {
      // The preferred clock sent a time we did not believe, or none at all.
      Instant rejected = preferred == TimestampSource.SOURCE ? source : server;
      warnIfImplausible(preferred, rejected, choice.source(), now);
    }
    return choice;
  }

  private boolean plausible(@Nullable Instant time, Instant now) {
    return time != null
        && !time.isBefore(policy.notBefore())
        && !time.isAfter(now.plus(policy.maxFuture()));
  }

  /** A missing time is not a clock fault (many servers omit one); a wrong one is. */
  private void warnIfImplausible(TimestampSource clockName, @Nullable Instant time,
      TimestampSource used, Instant now) {
    if (time == null) {
      return;
    }
    if (lastWarning != null && now.isBefore(lastWarning.plus(WARN_INTERVAL))) {
      return;
    }
    lastWarning = now;
    String why = time.isBefore(policy.notBefore())
        ? "is before " + policy.notBefore()
        : "is more than " + policy.maxFuture() + " ahead of the gateway clock (" + now + ")";
    LOG.warn("Connection {}: the {} clock looks wrong: its time {} {}. Readings are stamped with"
            + " the {} time until it recovers; set that device's clock or its NTP source."
            + " Repeated at most every {} min while it lasts.",
        connection, describe(clockName), time, why, describe(used), WARN_INTERVAL.toMinutes());
  }

  private static String describe(TimestampSource clock) {
    return switch (clock) {
      case SOURCE -> "PLC (source)";
      case SERVER -> "OPC UA server";
      case GATEWAY -> "gateway";
    };
  }
}
