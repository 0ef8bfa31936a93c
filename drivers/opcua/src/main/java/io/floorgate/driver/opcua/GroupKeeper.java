package io.floorgate.driver.opcua;

import io.floorgate.driver.Backoff;
import io.floorgate.driver.CauseThrottle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection's tag groups whole: opens them on a new session, restores what the server
 * lost (retrying a round that failed with backoff, one retry per round however many groups
 * failed), retries refused nodes, and refreshes values after a link loss. Driver's thread only.
 */
final class GroupKeeper {

  private static final Logger log = LoggerFactory.getLogger(GroupKeeper.class);

  private final String connection;
  private final String endpoint;
  private final Backoff backoff;
  private final BooleanSupplier usable;
  private final BiConsumer<Runnable, Duration> schedule;
  private volatile List<TagGroup> groups = List.of();
  private int restoreFailures;
  private final CauseThrottle failures = new CauseThrottle();
  private boolean restoreScheduled;

  /**
   * @param usable   whether the session is up and the driver not closed
   * @param schedule runs a task on the driver's thread after a delay
   */
  GroupKeeper(String connection, String endpoint, Backoff backoff, BooleanSupplier usable,
      BiConsumer<Runnable, Duration> schedule) {
    this.connection = connection;
    this.endpoint = endpoint;
    this.backoff = backoff;
    this.usable = usable;
    this.schedule = schedule;
  }

  void set(List<TagGroup> built) {
    groups = List.copyOf(built);
  }

  List<TagGroup> groups() {
    return groups;
  }

  /**
   * Swaps {@code old} for {@code fresh} (the same tags with node ids bound anew), keeping the
   * other groups; the old ones are closed without waiting, the fresh ones are not opened yet.
   */
  void replace(List<TagGroup> old, List<TagGroup> fresh) {
    List<TagGroup> next = new ArrayList<>(fresh);
    for (TagGroup group : groups) {
      if (!old.contains(group)) {
        next.add(group);
      }
    }
    groups = List.copyOf(next);
    for (TagGroup group : old) {
      group.close().exceptionally(e -> null); // a subscription the server dropped is gone anyway
    }
  }

  /** Creates every group on a new session. */
  void openAll(OpcUaClient client, ServerLimits limits) {
    open(groups, client, limits);
  }

  /** Creates {@code which} of the groups on the current session. */
  void open(List<TagGroup> which, OpcUaClient client, ServerLimits limits) {
    boolean allWell = true;
    for (TagGroup group : which) {
      try {
        group.open(client, limits);
      } catch (Exception e) {
        allWell = failed(group, e);
      }
    }
    afterRound(allWell);
  }

  /** Re-creates what the server lost; retried with backoff until every group is whole. */
  void restoreAll() {
    if (!usable.getAsBoolean()) {
      return; // the next session activation restores
    }
    boolean allWell = true;
    for (TagGroup group : groups) {
      try {
        group.restore();
      } catch (Exception e) {
        allWell = failed(group, e);
      }
    }
    afterRound(allWell);
  }

  void retryRefused() {
    if (!usable.getAsBoolean()) {
      return;
    }
    for (TagGroup group : groups) {
      try {
        group.retryFailed();
      } catch (Exception e) {
        failed(group, e);
      }
    }
  }

  void refreshAll(OpcUaClient client, ServerLimits limits) {
    groups.forEach(g -> g.refresh(client, limits));
  }

  /**
   * Stops every group; when the server is {@code reachable}, waits until {@code deadlineNanos}
   * for it to delete the subscriptions, then closes the session.
   */
  void closeAll(@Nullable OpcUaClient client, boolean reachable, long deadlineNanos) {
    List<CompletableFuture<?>> deletions = new ArrayList<>();
    for (TagGroup group : groups) {
      CompletableFuture<?> closing = group.close();
      if (reachable) {
        deletions.add(closing.exceptionally(e -> null));
      }
    }
    if (client == null) {
      return;
    }
    try {
      CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new))
          .get(Math.max(1, OpcUaDriver.remainingMs(deadlineNanos)), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.info("opcua connection '{}': subscriptions not deleted in time ({}); closing the "
          + "session removes them", connection, Causes.describe(e));
    }
    ClientConnector.disconnect(client, OpcUaDriver.remainingMs(deadlineNanos));
  }

  private boolean failed(TagGroup group, Exception e) {
    String cause = Causes.describe(e);
    String line = failures.admit(group.name() + ": " + cause, "opcua connection '" + connection
        + "': group '" + group.name() + "' could not be set up on " + endpoint + ": " + cause
        + "; retrying with backoff");
    if (line != null) {
      log.warn(line);
    }
    return false;
  }

  private void afterRound(boolean allWell) {
    if (allWell) {
      restoreFailures = 0;
      failures.clear();
      return;
    }
    if (!restoreScheduled) {
      restoreScheduled = true;
      Duration delay = backoff.next(++restoreFailures);
      if (restoreFailures == 1) {
        log.info("opcua connection '{}': next attempt to set up the failed groups in {}",
            connection, Backoff.humanize(delay));
      }
      schedule.accept(() -> {
        restoreScheduled = false;
        restoreAll();
      }, delay);
    }
  }
}
