package io.floorgate.sparkplug;

import io.floorgate.driver.LinkState;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices' side of a session: a DBIRTH for each PLC whose link is up, DDEATH when the link
 * drops and DBIRTH again when it returns, DATA of the born devices, and the backlog as historical
 * DATA after the births. Outside a session, readings only update the latest values (for the next
 * births) and go to the backlog. Runs on the node's thread.
 *
 * <p>Every DBIRTH — the first and each one after the PLC comes back — waits until every metric of
 * the device has been read since its link came up: a strict host takes a birth as the device's
 * state, so it must not show the values from before the outage (or none, with quality BAD) when
 * the real ones are a moment away. It waits at least {@link #BIRTH_WAIT}, or twice the slowest
 * interval of the device's groups when that is longer (a group sampled every 5 s reports its first
 * values after 5 s); beyond that, as long as metrics are still being read for the first time
 * within 2 s or that interval (100,000 monitored items take the PLC many seconds to create),
 * up to {@link #LONGEST_BIRTH_WAIT}. Then the birth goes out with what there is, the metrics not
 * read yet marked STALE.
 */
final class Devices {

  /** How long a device's birth waits for metrics that have not been read since the link came up. */
  static final Duration BIRTH_WAIT = Duration.ofSeconds(5);
  /** However the first values keep coming, the birth waits no longer than this. */
  static final Duration LONGEST_BIRTH_WAIT = Duration.ofSeconds(60);
  /**
   * Metrics read for the first time within this long (or twice the device's slowest interval):
   * the PLC is still reporting them. A PLC creating 100,000 monitored items under load paused
   * longer than a second between its batches.
   */
  private static final long STILL_READING_NANOS = Duration.ofSeconds(2).toNanos();
  private static final Logger LOG = LoggerFactory.getLogger(Devices.class);

  private final MetricModel model;
  private final Outbound out;
  private final DataBatcher batcher;
  private final Backlog backlog;
  private final NodeCounters counters;
  private final NodeThread loop;
  private final long birthWaitNanos;
  /** NBIRTH is out and the session is live: devices may be born and publish. */
  private boolean live;

  Devices(MetricModel model, Outbound out, DataBatcher batcher, Backlog backlog,
      NodeCounters counters, NodeThread loop, Duration birthWait) {
    this.model = model;
    this.out = out;
    this.batcher = batcher;
    this.backlog = backlog;
    this.counters = counters;
    this.loop = loop;
    this.birthWaitNanos = birthWait.toNanos();
  }

  /** Right after an NBIRTH (new session or rebirth): births anew; returns how many are born. */
  int birthAll() {
    live = true;
    int born = 0;
    for (DeviceState d : model.devices()) {
      d.born = false;
      d.awaitingBirth = false;
      if (d.linkUp) {
        birthOrWait(d);
        born += d.born ? 1 : 0;
      }
    }
    return born;
  }

  /**
   * After the births of a new session: what the backlog held, as historical DATA, one batch per
   * turn of the node's thread so that live DATA and commands go on in between.
   */
  void replayBacklog() {
    if (live && backlog.replay(this::historical)) {
      loop.execute(this::replayBacklog);
    }
  }

  /** The session is over: nobody is born any more. */
  void sessionEnded() {
    live = false;
    for (DeviceState d : model.devices()) {
      d.born = false;
      d.awaitingBirth = false;
    }
  }

  void linkChanged(String connection, LinkState state) {
    DeviceState d = model.device(connection);
    if (d == null || state == LinkState.CONNECTING) {
      return;
    }
    if (state == LinkState.CONNECTED && !d.linkUp) {
      d.linkCameUp(System.nanoTime());
      if (live) {
        birthOrWait(d);
      }
    } else if (state != LinkState.CONNECTED && d.linkUp) {
      d.linkUp = false;
      d.awaitingBirth = false;
      if (live && d.born) {
        out.ddeath(d);
      }
      d.born = false;
    }
  }

  /** One drain of the reading queue: the latest values, then DATA of the born devices. */
  void readings(List<Reading> batch) {
    Set<DeviceState> toBirth = new LinkedHashSet<>();
    for (Reading r : batch) {
      MetricState m = model.byPath(r.path());
      if (m == null) {
        counters.unknownReadings.increment();
        continue;
      }
      MetricValues.Outcome outcome = MetricValues.apply(m, r);
      DeviceState d = m.device;
      d.read(m);
      if (!live) {
        backlog.hold(r);
      } else if (!d.born) {
        if (d.awaitingBirth && d.readyForBirth()) {
          toBirth.add(d);
        }
      } else if (outcome == MetricValues.Outcome.TYPE_CHANGED || toBirth.contains(d)) {
        // Its birth carries the latest values; DATA of the old type must not go out.
        toBirth.add(d);
      } else {
        batcher.add(m, m.value, m.quality, m.timestamp, false);
      }
    }
    toBirth.forEach(this::deviceBirth);
    batcher.flush();
  }

  private void birthOrWait(DeviceState d) {
    if (d.readyForBirth() || waitIsOver(d, System.nanoTime())) {
      deviceBirth(d);
    } else if (!d.awaitingBirth) {
      d.awaitingBirth = true;
      checkLater(d, ++d.birthWaits);
    }
  }

  /** Looks again at the birth awaited as the device's {@code wait}-th. */
  private void checkLater(DeviceState d, int wait) {
    long now = System.nanoTime();
    long waited = now - d.linkUpAtNanos;
    long least = leastWaitNanos(d);
    long delay = waited < least ? least - waited
        : stillReadingNanos(d) - (now - d.lastFirstReadNanos);
    loop.schedule(() -> {
      // A link that came up again, or a new session, has a wait (and checks) of its own.
      if (!live || !d.linkUp || d.born || !d.awaitingBirth || d.birthWaits != wait) {
        return;
      }
      if (d.readyForBirth() || waitIsOver(d, System.nanoTime())) {
        deviceBirth(d);
      } else {
        checkLater(d, wait);
      }
    }, Math.max(1, TimeUnit.NANOSECONDS.toMillis(delay) + 1));
  }

  private long leastWaitNanos(DeviceState d) {
    return Math.max(birthWaitNanos, 2 * d.slowestIntervalNanos);
  }

  private static long stillReadingNanos(DeviceState d) {
    return Math.max(STILL_READING_NANOS, 2 * d.slowestIntervalNanos);
  }

  /** The least wait is over and no metric was read for the first time lately, or the longest is. */
  private boolean waitIsOver(DeviceState d, long now) {
    long waited = now - d.linkUpAtNanos;
    if (waited < leastWaitNanos(d)) {
      return false;
    }
    return waited >= Math.max(leastWaitNanos(d), LONGEST_BIRTH_WAIT.toNanos())
        || now - d.lastFirstReadNanos >= stillReadingNanos(d);
  }

  private void deviceBirth(DeviceState d) {
    d.awaitingBirth = false;
    if (d.unreadCount() > 0) {
      LOG.warn("Sparkplug device {}: {} of {} metrics not read within {} ms after the PLC link came "
          + "up; DBIRTH with them as STALE (the others have their values). Check those tags' "
          + "node ids, and whether the PLC reports them at all", d, d.unreadCount(),
          d.metrics.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - d.linkUpAtNanos));
      d.markUnreadStale();
    }
    batcher.discard(d);
    d.born = out.dbirth(d);
  }

  private void historical(List<Reading> readings) {
    for (Reading r : readings) {
      MetricState m = model.byPath(r.path());
      if (m != null && m.device.born) {
        batcher.add(m, MetricValues.valueOf(m, r), r.quality(), Date.from(r.timestamp()), true);
      }
    }
    batcher.flush();
  }
}
