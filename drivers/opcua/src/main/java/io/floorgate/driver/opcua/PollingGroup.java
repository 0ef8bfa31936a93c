package io.floorgate.driver.opcua;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.floorgate.driver.TagGroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaExceptionStatus;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A polling-mode group: every {@code pollInterval} one Read per chunk of nodes, the chunks one
 * after another so a small PLC sees one request at a time. A poll still running when the next
 * tick comes makes that tick skip (and count) rather than pile requests onto a slow server.
 */
final class PollingGroup implements TagGroup {

  private static final Logger log = LoggerFactory.getLogger(PollingGroup.class);
  private static final long LOG_EVERY_MS = 60_000;

  private final TagGroupSpec spec;
  private final List<ResolvedTag> tags;
  private final Delivery delivery;
  private final ScheduledExecutorService executor;
  private final BooleanSupplier linkUp;
  private final long requestTimeoutMs;

  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final LongAdder skippedTicks = new LongAdder();
  private final LongAdder readRequests = new LongAdder();
  private final LongAdder completedPolls = new LongAdder();
  private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();
  private volatile long lastSkipLog;
  private volatile long lastFailureLog;
  private volatile boolean closed;

  private volatile @Nullable OpcUaClient client;
  private volatile List<Chunk> chunks = List.of();
  private volatile int chunkSize = DriverOptions.DEFAULT_CHUNK;
  private volatile @Nullable ScheduledFuture<?> timer;

  /** A slice of the group that fits one Read request. */
  private record Chunk(List<ResolvedTag> tags, List<ReadValueId> reads) {}

  PollingGroup(TagGroupSpec spec, List<ResolvedTag> tags, Delivery delivery,
      ScheduledExecutorService executor, BooleanSupplier linkUp, long requestTimeoutMs) {
    this.spec = spec;
    this.tags = List.copyOf(tags);
    this.delivery = delivery;
    this.executor = executor;
    this.linkUp = linkUp;
    this.requestTimeoutMs = requestTimeoutMs;
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
  public void open(OpcUaClient client, ServerLimits limits) {
    this.client = client;
    chunks = split(limits.nodesPerRead());
    ScheduledFuture<?> previous = timer;
    if (previous != null) {
      previous.cancel(false); // a new client after the old one was given up
    }
    long periodMs = Math.max(1, spec.pollInterval().toMillis());
    timer = executor.scheduleAtFixedRate(this::tick, 0, periodMs, MILLISECONDS);
    log.info("opcua connection '{}': group '{}' polling {} tags every {} ms in {} read(s) of up to {}",
        delivery.connection(), name(), tags.size(), periodMs, chunks.size(), limits.nodesPerRead());
  }

  private List<Chunk> split(int size) {
    chunkSize = size;
    List<Chunk> split = new ArrayList<>();
    for (int from = 0; from < tags.size(); from += size) {
      List<ResolvedTag> slice = tags.subList(from, Math.min(tags.size(), from + size));
      List<ReadValueId> reads = slice.stream()
          .map(t -> new ReadValueId(t.nodeId(), AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE))
          .toList();
      split.add(new Chunk(List.copyOf(slice), reads));
    }
    return List.copyOf(split);
  }

  /** Polling resumes by itself once the link is up again. */
  @Override
  public void restore() {}

  private void tick() {
    try {
      OpcUaClient c = client;
      if (closed || c == null || !linkUp.getAsBoolean() || chunks.isEmpty()) {
        return;
      }
      if (!inFlight.compareAndSet(false, true)) {
        skippedTicks.increment();
        long now = System.currentTimeMillis();
        if (now - lastSkipLog >= LOG_EVERY_MS) {
          lastSkipLog = now;
          log.warn("opcua connection '{}': group '{}' is still reading when its next poll is due "
                  + "({} skipped so far); raise pollInterval ({} ms) or split the group",
              delivery.connection(), name(), skippedTicks.sum(), spec.pollInterval().toMillis());
        }
        return;
      }
      readFrom(c, 0).whenComplete((ok, ex) -> {
        inFlight.set(false);
        if (Boolean.TRUE.equals(ok)) {
          completedPolls.increment();
        }
      });
    } catch (RuntimeException e) {
      // An exception would cancel the periodic task for good; keep polling instead.
      inFlight.set(false);
      log.error("opcua connection '{}': polling group '{}' failed", delivery.connection(), name(), e);
    }
  }

  /** Reads chunk {@code index} and then the rest; stops at the first failed request. */
  private CompletableFuture<Boolean> readFrom(OpcUaClient c, int index) {
    List<Chunk> all = chunks;
    if (index >= all.size() || closed) {
      return CompletableFuture.completedFuture(true);
    }
    Chunk chunk = all.get(index);
    readRequests.increment();
    return c.readAsync(0.0, TimestampsToReturn.Both, chunk.reads())
        // Milo waits for a session to come back without a limit; a poll must not.
        .orTimeout(requestTimeoutMs, MILLISECONDS)
        .handle((response, ex) -> {
          try {
            if (ex != null) {
              failed(chunk, ex);
              return false;
            }
            deliver(chunk, response);
            return true;
          } catch (RuntimeException e) {
            failed(chunk, e);
            return false;
          }
        })
        .thenCompose(ok -> ok ? readFrom(c, index + 1) : CompletableFuture.completedFuture(false));
  }

  private void deliver(Chunk chunk, ReadResponse response) {
    DataValue[] results = response.getResults();
    List<ResolvedTag> chunkTags = chunk.tags();
    if (results == null || results.length != chunkTags.size()) {
      StatusCode status = response.getResponseHeader().getServiceResult();
      throw new IllegalStateException("Read returned " + (results == null ? 0 : results.length)
          + " results for " + chunkTags.size() + " nodes (" + SampleMapper.statusName(status.value()) + ")");
    }
    for (int i = 0; i < results.length; i++) {
      ResolvedTag tag = chunkTags.get(i);
      DataValue value = results[i];
      long code = value.statusCode().value();
      if (isConfigurationError(code)) {
        if (loggedFailures.add(tag.key())) {
          log.warn("opcua connection '{}': tag '{}' ({}) in group '{}' cannot be read: {} — check "
                  + "the node id against the server's address space (floorgate browse)",
              delivery.connection(), tag.key(), tag.spec().nodeId(), name(), SampleMapper.statusName(code));
        }
      } else {
        loggedFailures.remove(tag.key());
      }
      delivery.value(tag, value, LiveOrder.Source.POLLING);
    }
  }

  private void failed(Chunk chunk, Throwable ex) {
    if (closed || !linkUp.getAsBoolean()) {
      return; // the link state already tells the gateway; no per-tag noise during a drop
    }
    StatusCode status = UaExceptionStatus.extract(Causes.unwrap(ex))
        .map(UaExceptionStatus::getStatusCode)
        .orElse(new StatusCode(Causes.unwrap(ex) instanceof TimeoutException
            ? StatusCodes.Bad_Timeout : StatusCodes.Bad_UnexpectedError));
    if (ChunkedRead.tooLarge(status.value()) && chunkSize > 1) {
      int before = chunkSize;
      chunks = split(Math.max(1, chunkSize / 2));
      log.info("opcua connection '{}': group '{}': the server refused a Read of {} nodes ({}); "
              + "reading {} at a time from the next poll (set maxNodesPerRead on the connection "
              + "to start there)", delivery.connection(), name(), before,
          SampleMapper.statusName(status.value()), chunkSize);
      return;
    }
    for (ResolvedTag tag : chunk.tags()) {
      delivery.bad(tag, status);
    }
    long now = System.currentTimeMillis();
    if (now - lastFailureLog >= LOG_EVERY_MS) {
      lastFailureLog = now;
      log.warn("opcua connection '{}': polling group '{}' could not read {} nodes: {}; the tags "
              + "are reported BAD and the next poll is in {} ms",
          delivery.connection(), name(), chunk.tags().size(), Causes.describe(ex),
          spec.pollInterval().toMillis());
    }
  }

  static boolean isConfigurationError(long code) {
    long c = code & 0xFFFF0000L;
    return c == StatusCodes.Bad_NodeIdUnknown
        || c == StatusCodes.Bad_NodeIdInvalid
        || c == StatusCodes.Bad_AttributeIdInvalid
        || c == StatusCodes.Bad_NotReadable
        || c == StatusCodes.Bad_UserAccessDenied;
  }

  @Override
  public CompletableFuture<?> close() {
    closed = true;
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    return CompletableFuture.completedFuture(null);
  }

  long skippedTicks() {
    return skippedTicks.sum();
  }

  long readRequests() {
    return readRequests.sum();
  }

  long completedPolls() {
    return completedPolls.sum();
  }
}
