package io.floorgate.driver.opcua;

import io.floorgate.driver.ConnectionSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports every tag of a connection BAD ({@code Bad_NoCommunication}) when its link has been down
 * for {@link ConnectionSpec#badAfterLinkLoss()}, so that consumers never mistake the last value
 * for a live one. Confined to the driver's thread.
 */
final class LinkLoss {

  private static final Logger log = LoggerFactory.getLogger(LinkLoss.class);
  private static final StatusCode NO_COMMUNICATION = new StatusCode(StatusCodes.Bad_NoCommunication);

  private final String connection;
  private final Duration after;
  private final ScheduledExecutorService scheduler;
  private final Delivery delivery;
  private final Supplier<List<TagGroup>> groups;
  private @Nullable ScheduledFuture<?> pending;
  private boolean reported;

  LinkLoss(String connection, Duration after, ScheduledExecutorService scheduler,
      Delivery delivery, Supplier<List<TagGroup>> groups) {
    this.connection = connection;
    this.after = after;
    this.scheduler = scheduler;
    this.delivery = delivery;
    this.groups = groups;
  }

  /** The link is down: arm the timer unless it is armed or has fired already. */
  void lost() {
    if (pending != null || reported) {
      return;
    }
    pending = scheduler.schedule(this::fire, after.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The link is up again.
   *
   * @return whether the tags had been reported BAD, so they need fresh values
   */
  boolean restored() {
    ScheduledFuture<?> p = pending;
    if (p != null) {
      p.cancel(false);
      pending = null;
    }
    boolean was = reported;
    reported = false;
    return was;
  }

  private void fire() {
    pending = null;
    reported = true;
    int count = 0;
    for (TagGroup group : groups.get()) {
      for (ResolvedTag tag : group.tags()) {
        delivery.bad(tag, NO_COMMUNICATION);
        count++;
      }
    }
    log.warn("opcua connection '{}': link down for {} ms; its {} tags are now reported BAD "
        + "(Bad_NoCommunication) until values arrive again", connection, after.toMillis(), count);
  }
}
