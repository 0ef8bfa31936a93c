package io.floorgate.driver.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.floorgate.driver.Deadband;
import io.floorgate.driver.TagGroupSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A subscription-mode group: one OPC UA subscription, one monitored item per tag. */
final class SubscriptionGroup implements TagGroup {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionGroup.class);

  private final TagGroupSpec spec;
  private final List<ResolvedTag> tags;
  private final Delivery delivery;
  private final Runnable requestRestore;
  /** Tags whose failure was already logged; a tag that recovers is removed and may log again. */
  private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();
  private static final long READ_TIMEOUT_MS = 10_000;

  /** One listener for all the group's items (not a lambda per item): it finds the tag by item. */
  private final OpcUaMonitoredItem.DataValueListener listener;

  private volatile @Nullable OpcUaSubscription subscription;
  private volatile int itemsPerCall = DriverOptions.DEFAULT_CHUNK;
  private volatile boolean closed;

  /**
   * @param requestRestore posts {@link #restore()} to the driver's thread; Milo calls the
   *                       subscription listener on its own threads, where no service call may wait
   */
  SubscriptionGroup(TagGroupSpec spec, List<ResolvedTag> tags, Delivery delivery, Runnable requestRestore) {
    this.spec = spec;
    this.tags = List.copyOf(tags);
    this.delivery = delivery;
    this.requestRestore = requestRestore;
    this.listener = (item, value) ->
        delivery.value(tagOf(item), value, LiveOrder.Source.SUBSCRIPTION);
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public List<ResolvedTag> tags() {
    return tags;
  }

  @Override
  public void open(OpcUaClient client, ServerLimits limits) throws UaException {
    if (tags.isEmpty()) {
      return; // every tag invalid or its namespace refused: nothing to ask the server for
    }
    var sub = new OpcUaSubscription(client, millis(spec.publishingInterval()));
    itemsPerCall = limits.monitoredItemsPerCall();
    sub.setMaxMonitoredItemsPerCall(uint(itemsPerCall));
    sub.setSubscriptionListener(new Listener());
    for (ResolvedTag tag : tags) {
      sub.addMonitoredItem(newItem(tag));
    }
    subscription = sub;
    restore();
    // The server reports the first values one publishing interval after the subscription is
    // created (1 s at 1 Hz, most of a start's time to the first value). A group that fits in one
    // Read call reads them as soon as its items exist; the items sample from then on, so no
    // change is missed, and LiveOrder drops a first notification that repeats the value read or
    // is older than it. A larger group waits for the first notification instead, and so does a
    // group with a deadband: the server measures the deadband from its first notification, and
    // a value read a moment apart from it would let a smaller step through.
    if (spec.deadband() == null && tags.size() <= limits.nodesPerRead()) {
      readCurrent(client, limits);
    }
  }

  private OpcUaMonitoredItem newItem(ResolvedTag tag) {
    OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(tag.nodeId());
    item.setSamplingInterval(millis(spec.samplingInterval()));
    item.setQueueSize(uint(spec.queueSize()));
    item.setDiscardOldest(true);
    item.setFilter(filter(spec.deadband()));
    item.setUserObject(tag);
    item.setDataValueListener(listener);
    return item;
  }

  /** Delivers each tag's current value, unless a notification as new came first. */
  private void readCurrent(OpcUaClient client, ServerLimits limits) {
    try {
      List<DataValue> values = ChunkedRead.read(client, valueReads(), limits.nodesPerRead(), READ_TIMEOUT_MS);
      for (int i = 0; i < values.size(); i++) {
        DataValue value = values.get(i);
        // Bad results are left to the subscription, which reports a node it cannot monitor once.
        if (value.statusCode() == null || !value.statusCode().isBad()) {
          delivery.value(tags.get(i), value, LiveOrder.Source.SUBSCRIPTION);
        }
      }
    } catch (UaException e) {
      log.info("opcua connection '{}': group '{}' could not read its current values ({}); they "
          + "arrive with the first notification", delivery.connection(), name(), Causes.describe(e));
    }
  }

  private List<ReadValueId> valueReads() {
    return tags.stream()
        .map(t -> new ReadValueId(t.nodeId(), AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE))
        .toList();
  }

  @Override
  public void refresh(OpcUaClient client, ServerLimits limits) {
    List<ReadValueId> reads = valueReads();
    try {
      List<DataValue> values = ChunkedRead.read(client, reads, limits.nodesPerRead(), READ_TIMEOUT_MS);
      for (int i = 0; i < values.size(); i++) {
        delivery.value(tags.get(i), values.get(i), LiveOrder.Source.POLLING);
      }
    } catch (UaException e) {
      log.info("opcua connection '{}': group '{}' could not read its current values after the "
          + "link came back ({}); they arrive with the next change", delivery.connection(), name(),
          Causes.describe(e));
    }
  }

  /**
   * Items the server refused keep their failed result and would not be asked for again until the
   * subscription is re-created; replacing them with fresh items lets a node that appeared later
   * (a PLC program download) be picked up.
   */
  @Override
  public void retryFailed() throws UaException {
    OpcUaSubscription sub = subscription;
    if (sub == null || closed || sub.getSyncState() == OpcUaSubscription.SyncState.INITIAL) {
      return;
    }
    List<OpcUaMonitoredItem> failed = sub.getMonitoredItems().stream()
        .filter(i -> i.getCreateResult().map(r -> !r.isGood()).orElse(false))
        .toList();
    if (failed.isEmpty()) {
      return;
    }
    for (OpcUaMonitoredItem item : failed) {
      sub.removeMonitoredItem(item);
      sub.addMonitoredItem(newItem(tagOf(item)));
    }
    sub.deleteMonitoredItems(); // items never created: clears Milo's list, sends nothing
    restore();
  }

  @Override
  public void restore() throws UaException {
    OpcUaSubscription sub = subscription;
    if (sub == null || closed) {
      return;
    }
    boolean created = false;
    if (sub.getSyncState() == OpcUaSubscription.SyncState.INITIAL) {
      sub.create();
      created = true;
    }
    // Items refused at operation level (an unknown node) keep their result and are not asked for
    // again on every session activation; re-creating the subscription clears it, so they are
    // retried after a PLC restart, when the PLC program may have changed.
    List<MonitoredItemServiceOperationResult> failed = createSplitting(sub);
    Set<OpcUaMonitoredItem> retry = dropFiltersRefused(failed);
    if (!retry.isEmpty()) {
      List<MonitoredItemServiceOperationResult> rest = new ArrayList<>();
      for (MonitoredItemServiceOperationResult r : failed) {
        if (!retry.contains(r.monitoredItem())) {
          rest.add(r);
        }
      }
      rest.addAll(failures(sub.createMonitoredItems(retry::contains)));
      failed = rest;
    }
    if (created) {
      log.info("opcua connection '{}': group '{}' subscribed, {} of {} tags monitored, publishing "
              + "every {} ms", delivery.connection(), name(), tags.size() - failed.size(), tags.size(),
          Math.round(sub.getRevisedPublishingInterval().orElse(millis(spec.publishingInterval()))));
    }
    StatusCode serviceFailure = null;
    for (MonitoredItemServiceOperationResult result : failed) {
      reportFailed(result);
      if (!result.serviceResult().isGood()) {
        serviceFailure = result.serviceResult();
      }
    }
    for (OpcUaMonitoredItem item : sub.getMonitoredItems()) {
      if (item.getSyncState() != OpcUaMonitoredItem.SyncState.INITIAL) {
        loggedFailures.remove(tagOf(item).key());
      }
    }
    if (serviceFailure != null) {
      // The call itself failed (not one node): worth retrying soon, unlike an unknown node id.
      throw new UaException(serviceFailure, "creating monitored items of group '" + name() + "' failed");
    }
  }

  /**
   * Creates the items not created yet. A call the server finds too large
   * ({@code Bad_TooManyOperations}, {@code Bad_TooManyMonitoredItems},
   * {@code Bad_EncodingLimitsExceeded}, …) is retried with half as many items, down to one per
   * call, and the smaller size is kept for this group.
   */
  private List<MonitoredItemServiceOperationResult> createSplitting(OpcUaSubscription sub) {
    while (true) {
      List<MonitoredItemServiceOperationResult> failed =
          failures(sub.createMonitoredItems(item -> item.getCreateResult().isEmpty()));
      StatusCode tooLarge = failed.stream().map(MonitoredItemServiceOperationResult::serviceResult)
          .filter(s -> ChunkedRead.tooLarge(s.value())).findFirst().orElse(null);
      if (tooLarge == null || itemsPerCall <= 1) {
        return failed;
      }
      int before = itemsPerCall;
      itemsPerCall = Math.max(1, itemsPerCall / 2);
      sub.setMaxMonitoredItemsPerCall(uint(itemsPerCall));
      log.info("opcua connection '{}': group '{}': the server refused {} monitored items in one "
              + "call ({}); creating them {} at a time (set maxMonitoredItemsPerCall on the "
              + "connection to start there)", delivery.connection(), name(), before,
          SampleMapper.statusName(tooLarge.value()), itemsPerCall);
    }
  }

  /** One unknown node must not keep the other tags from flowing: failures are per item. */
  private static List<MonitoredItemServiceOperationResult> failures(
      List<MonitoredItemServiceOperationResult> results) {
    return results.stream().filter(r -> !r.isGood()).toList();
  }

  /**
   * A deadband on a Boolean or String tag, or a percent deadband on a node without EURange, is
   * refused per item; such tags are better monitored without the filter than not at all.
   */
  private Set<OpcUaMonitoredItem> dropFiltersRefused(List<MonitoredItemServiceOperationResult> failed) {
    Set<OpcUaMonitoredItem> retry = new HashSet<>();
    for (MonitoredItemServiceOperationResult r : failed) {
      OpcUaMonitoredItem item = r.monitoredItem();
      long code = status(r).value();
      if (item.getFilter() != null && isFilterRefusal(code)) {
        item.setFilter(null);
        retry.add(item);
        log.warn("opcua connection '{}': tag '{}' ({}) in group '{}': the server refused the "
                + "deadband ({}); monitoring it without one — a deadband needs a numeric tag (a percent "
                + "deadband also an EURange): move this tag to a group without deadband",
            delivery.connection(), tagOf(item).key(), tagOf(item).spec().nodeId(), name(),
            SampleMapper.statusName(code));
      }
    }
    return retry;
  }

  private void reportFailed(MonitoredItemServiceOperationResult result) {
    ResolvedTag tag = tagOf(result.monitoredItem());
    StatusCode status = status(result);
    if (loggedFailures.add(tag.key())) {
      log.warn("opcua connection '{}': tag '{}' ({}) in group '{}' cannot be monitored: {} — "
              + "check the node id against the server's address space (floorgate browse); "
              + "the tag is reported BAD until then",
          delivery.connection(), tag.key(), tag.spec().nodeId(), name(),
          SampleMapper.statusName(status.value()));
    }
    delivery.bad(tag, status);
  }

  /** The operation result when the call went through, else the service result of the call. */
  private static StatusCode status(MonitoredItemServiceOperationResult r) {
    if (!r.serviceResult().isGood()) {
      return r.serviceResult();
    }
    return r.operationResult().orElse(new StatusCode(StatusCodes.Bad_UnexpectedError));
  }

  private static boolean isFilterRefusal(long code) {
    return code == StatusCodes.Bad_FilterNotAllowed
        || code == StatusCodes.Bad_MonitoredItemFilterUnsupported
        || code == StatusCodes.Bad_MonitoredItemFilterInvalid
        || code == StatusCodes.Bad_DeadbandFilterInvalid;
  }

  private static ResolvedTag tagOf(OpcUaMonitoredItem item) {
    return (ResolvedTag) item.getUserObject().orElseThrow();
  }

  @Override
  public CompletableFuture<?> close() {
    closed = true;
    OpcUaSubscription sub = subscription;
    if (sub == null || sub.getSyncState() == OpcUaSubscription.SyncState.INITIAL) {
      return CompletableFuture.completedFuture(null);
    }
    return sub.deleteAsync().toCompletableFuture();
  }

  static @Nullable DataChangeFilter filter(@Nullable Deadband deadband) {
    if (deadband == null) {
      return null;
    }
    DeadbandType type = deadband.kind() == Deadband.Kind.PERCENT ? DeadbandType.Percent : DeadbandType.Absolute;
    return new DataChangeFilter(DataChangeTrigger.StatusValue, uint(type.getValue()), deadband.value());
  }

  static double millis(Duration d) {
    return d.toNanos() / 1_000_000.0;
  }

  /** Milo calls these on its threads: log, and post any service call to the driver's thread. */
  private final class Listener implements OpcUaSubscription.SubscriptionListener {

    @Override
    public void onTransferFailed(OpcUaSubscription sub, StatusCode status) {
      if (closed) {
        return;
      }
      log.info("opcua connection '{}': group '{}' could not be transferred to the new session ({}); "
          + "subscribing again", delivery.connection(), name(), SampleMapper.statusName(status.value()));
      requestRestore.run();
    }

    @Override
    public void onStatusChanged(OpcUaSubscription sub, StatusCode status) {
      // Bad_Timeout: the server dropped the subscription and Milo has reset it.
      if (!closed && status.value() == StatusCodes.Bad_Timeout) {
        log.warn("opcua connection '{}': the server timed out the subscription of group '{}'; "
            + "subscribing again", delivery.connection(), name());
        requestRestore.run();
      }
    }

    /**
     * Milo says so whenever a Republish failed, also for a message that was only late; the
     * ledger knows which never arrived at all, and only those are worth a warning.
     */
    @Override
    public void onNotificationDataLost(OpcUaSubscription sub) {
      PublishLedger ledger = PublishLedger.of(sub.getClient());
      int missing = ledger == null ? -1 : sub.getSubscriptionId().map(ledger::takeMissing).orElse(0);
      if (missing == 0) {
        return; // every message Milo asked for again had arrived: nothing is missing
      }
      log.warn("opcua connection '{}': group '{}' lost {} notification message(s) the server could "
              + "not republish; values in that gap are missing — if this recurs, raise the "
              + "server's retransmission queue or lower the group's rate", delivery.connection(),
          name(), missing < 0 ? "some" : missing);
    }

    @Override
    public void onWatchdogTimerElapsed(OpcUaSubscription sub) {
      log.warn("opcua connection '{}': group '{}' got no publish response within its keep-alive "
          + "window; values may be stale", delivery.connection(), name());
    }
  }
}
