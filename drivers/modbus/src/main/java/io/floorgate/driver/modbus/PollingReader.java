package io.floorgate.driver.modbus;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one {@link ReadGroup} on a connected client: the group's planned reads one after another
 * (a small device serves one request at a time), every tag decoded or reported BAD with the
 * reason. A request that fails takes only its own tags BAD; once the link is found lost, the
 * remaining requests of that poll are not sent. A tick that comes while the previous poll is
 * still running is skipped and counted, rather than piling requests onto a slow device.
 *
 * <p>Polls complete on the library's threads: the sink must hand off and not block.
 */
final class PollingReader implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PollingReader.class);

  private final ModbusTcpClient client;
  private final ReadGroup group;
  private final List<PlannedRead> plan;
  private final Duration requestTimeout;

  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final LongAdder skippedTicks = new LongAdder();
  private final Map<Integer, String> lastFailure = new ConcurrentHashMap<>();
  private volatile @Nullable ScheduledFuture<?> timer;

  PollingReader(ModbusTcpClient client, ReadGroup group, ReadLimits limits, int connectionUnitId) {
    this.client = client;
    this.group = group;
    this.plan = new RequestPlanner(limits).plan(group.tags(), connectionUnitId);
    this.requestTimeout = client.getConfig().requestTimeout();
  }

  /** The read requests one poll sends. */
  List<PlannedRead> plan() {
    return plan;
  }

  /** Ticks skipped because the previous poll was still running. */
  long skippedTicks() {
    return skippedTicks.sum();
  }

  /** One poll; never completes exceptionally. The reads come in the group's tag order. */
  CompletionStage<List<TagRead>> poll() {
    AtomicReference<@Nullable Failure> lost = new AtomicReference<>();
    CompletableFuture<Map<String, TagRead>> chain =
        CompletableFuture.completedFuture(new HashMap<>());
    for (int i = 0; i < plan.size(); i++) {
      int index = i;
      chain = chain.thenCompose(acc -> execute(index, lost).thenApply(reads -> {
        reads.forEach(r -> acc.put(r.key(), r));
        return acc;
      }));
    }
    return chain.thenApply(byKey -> group.tags().stream().map(t -> byKey.get(t.key())).toList());
  }

  /** Polls every {@link ReadGroup#rate()} on {@code scheduler} until {@link #close()}. */
  void start(ScheduledExecutorService scheduler, Consumer<List<TagRead>> sink) {
    long period = group.rate().toMillis();
    timer = scheduler.scheduleAtFixedRate(() -> tick(sink), 0, period, MILLISECONDS);
    log.info("modbus group '{}': polling {} tags every {} ms in {} request(s)", group.name(),
        group.tags().size(), period, plan.size());
  }

  private void tick(Consumer<List<TagRead>> sink) {
    if (!inFlight.compareAndSet(false, true)) {
      skippedTicks.increment();
      return;
    }
    poll().whenComplete((reads, error) -> {
      try {
        if (reads != null) {
          sink.accept(reads);
        } else {
          log.error("modbus group '{}': poll failed unexpectedly", group.name(), error);
        }
      } catch (RuntimeException e) {
        log.error("modbus group '{}': the sink threw; values of this poll are lost", group.name(),
            e);
      } finally {
        inFlight.set(false);
      }
    });
  }

  private CompletableFuture<List<TagRead>> execute(int index,
      AtomicReference<@Nullable Failure> lost) {
    PlannedRead read = plan.get(index);
    if (lost.get() != null || !client.isConnected()) {
      Failure f = Failure.linkLost(read.describe());
      lost.set(f);
      return CompletableFuture.completedFuture(allBad(read, f, index));
    }
    CompletableFuture<byte[]> sent;
    try {
      sent = send(read);
    } catch (RuntimeException e) { // keep poll()'s promise never to complete exceptionally
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.handle((response, error) -> {
      if (error != null || response == null) {
        Failure f = Failure.classify(error != null ? error : new IllegalStateException("no PDU"),
            client.isConnected(), requestTimeout, read.describe());
        if (f.linkLost()) {
          lost.set(f);
        }
        return allBad(read, f, index);
      }
      if (lastFailure.remove(index) != null) {
        log.info("modbus group '{}': {} answers again", group.name(), read.describe());
      }
      return decode(read, response);
    });
  }

  private CompletableFuture<byte[]> send(PlannedRead r) {
    int unit = r.unitId();
    CompletionStage<byte[]> stage = switch (r.table()) {
      case HOLDING_REGISTER -> client.readHoldingRegistersAsync(unit,
          new ReadHoldingRegistersRequest(r.start(), r.count()))
          .thenApply(ReadHoldingRegistersResponse::registers);
      case INPUT_REGISTER -> client.readInputRegistersAsync(unit,
          new ReadInputRegistersRequest(r.start(), r.count()))
          .thenApply(ReadInputRegistersResponse::registers);
      case COIL -> client.readCoilsAsync(unit, new ReadCoilsRequest(r.start(), r.count()))
          .thenApply(ReadCoilsResponse::coils);
      case DISCRETE_INPUT -> client.readDiscreteInputsAsync(unit,
          new ReadDiscreteInputsRequest(r.start(), r.count()))
          .thenApply(ReadDiscreteInputsResponse::inputs);
    };
    return stage.toCompletableFuture();
  }

  private static List<TagRead> decode(PlannedRead read, byte[] response) {
    List<TagRead> reads = new ArrayList<>(read.tags().size());
    for (ModbusTag t : read.tags()) {
      int at = t.address().offset() - read.start();
      try {
        Object value = read.table().isBits()
            ? RegisterCodec.bitAt(response, at)
            : RegisterCodec.decode(t.type(), t.order(), response, at);
        reads.add(TagRead.good(t.key(), value));
      } catch (IllegalArgumentException e) {
        reads.add(new TagRead(t.key(), null, ModbusStatus.BAD_DECODING_ERROR,
            e.getMessage() + " (" + read.describe() + ")"));
      }
    }
    return reads;
  }

  private List<TagRead> allBad(PlannedRead read, Failure f, int index) {
    String previous = lastFailure.put(index, f.status().statusName());
    if (!f.status().statusName().equals(previous)) {
      log.warn("modbus group '{}': {} tag(s) {}: {}", group.name(), read.tags().size(),
          f.status().statusName(), f.reason());
    }
    return read.tags().stream().map(t -> TagRead.bad(t.key(), f)).toList();
  }

  @Override
  public void close() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
  }
}
