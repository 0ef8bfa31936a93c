package io.floorgate.alarm;

import io.floorgate.broker.BrokerClient;
import io.floorgate.broker.BrokerConnection;
import io.floorgate.broker.Connector;
import io.floorgate.broker.Window;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedicated alarm MQTT connection: a lane of its own (never the telemetry one, so it never
 * waits behind telemetry or its backlog) on the shared {@link BrokerConnection}, QoS 1, each
 * alarm's state retained on its state topic and every transition on its events topic, not
 * retained. See {@link AlarmTopics}.
 *
 * <p>Transitions are handed over on the engine's thread into a bounded queue; one sender thread
 * connects, reconnects with the shared backoff, publishes every alarm's state again after each
 * connect (so the retained topics are right after a broker restart), then the queued transitions.
 */
public final class AlarmMqtt implements AlarmListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlarmMqtt.class);
  private static final int QUEUE_CAPACITY = 10_000;
  private static final int MAX_IN_FLIGHT = 64;

  private final BrokerConnection connection;
  private final AlarmTopics topics;
  private final Supplier<List<Alarm>> states;
  private final AlarmLatency latency;
  private final Connector connector;
  private final LinkedBlockingDeque<AlarmEvent> queue = new LinkedBlockingDeque<>(QUEUE_CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final Thread sender;
  private volatile boolean running = true;
  private volatile boolean connected;
  private volatile Window window = new Window(1);
  private volatile String detail = "not connected yet";

  /**
   * @param connection this lane's broker connection (its own client id)
   * @param states     every alarm's current state, published after each connect
   * @param latency    where each RAISE's PUBLISH and PUBACK are timed
   */
  public AlarmMqtt(BrokerConnection connection, AlarmTopics topics,
      Supplier<List<Alarm>> states, AlarmLatency latency) {
    this.connection = connection;
    this.topics = topics;
    this.states = states;
    this.latency = latency;
    this.connector = new Connector(connection, this::lost, () -> !running);
    this.sender = new Thread(this::run, "floorgate-alarm-mqtt");
    this.sender.setDaemon(true);
    // Above telemetry where the OS lets it (see AlarmEngine); the MQTT client's own threads,
    // started by this one when it connects, inherit it.
    this.sender.setPriority(Thread.MAX_PRIORITY);
  }

  /** A lane whose stage times are not recorded. */
  public AlarmMqtt(BrokerConnection connection, AlarmTopics topics,
      Supplier<List<Alarm>> states) {
    this(connection, topics, states, new AlarmLatency());
  }

  public void start() {
    sender.start();
  }

  public boolean isConnected() {
    return connected;
  }

  /** What the lane is doing, for health: connected to whom, or why not. */
  public String detail() {
    return detail;
  }

  public long published() {
    return published.get();
  }

  /** Transitions dropped because the broker was away for longer than the queue holds. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void transition(AlarmEvent event) {
    while (!queue.offerLast(event)) {
      if (queue.pollFirst() != null && Long.bitCount(dropped.incrementAndGet()) == 1) {
        log.warn("Alarm MQTT queue full ({} transitions) while the broker {} is away: oldest "
            + "transitions dropped ({} so far); the retained states are republished on reconnect",
            QUEUE_CAPACITY, connection.urls(), dropped.get());
      }
    }
  }

  private void run() {
    int failures = 0;
    while (running) {
      if (!connected) {
        // Another client with this id took the session over: not at once, or the two would
        // take it from each other forever.
        Duration hold = connection.holdOff();
        if (!hold.isZero()) {
          pause(hold);
          if (!running) {
            break;
          }
        }
        Connector.Result result = connect(failures + 1);
        if (result == Connector.Result.FAILED) {
          failures++;
        } else if (result == Connector.Result.CONNECTED) {
          failures = 0;
          for (Alarm alarm : states.get()) {
            publish(topics.state(alarm.id()), AlarmJson.alarm(alarm), true, null);
          }
        }
        continue;
      }
      AlarmEvent event;
      try {
        event = queue.pollFirst(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (event == null) {
        continue;
      }
      // State first: a consumer that sees the event can rely on the retained state matching it.
      boolean sent = publish(topics.state(event.alarm().id()), AlarmJson.alarm(event.alarm()), true,
          null) && publish(topics.events(event.alarm().id()), AlarmJson.event(event), false, event);
      if (!sent && running) {
        queue.offerFirst(event);
      }
    }
  }

  /** One attempt; after a failure, waits the backoff's delay before returning. */
  private Connector.Result connect(int attempt) {
    try {
      Connector.Attempt result = connector.connect();
      switch (result.result()) {
        case CONNECTED -> {
          window = Window.of(MAX_IN_FLIGHT, result.receiveMaximum());
          connected = true;
          detail = "connected to " + connector.client().serverUri();
          log.info("MQTT alarm connection up to {} as {} (in-flight window {})",
              connector.client().serverUri(), connection.clientId(), window.size());
        }
        case FAILED -> {
          detail = "broker not reachable: " + BrokerConnection.describe(result.cause());
          Duration retry = connection.retryDelay(attempt, result.cause());
          String line = connection.unreachable(connection.urls(), result.cause(), retry,
              queue.size() + " alarm transitions wait");
          if (line != null) {
            log.warn(line);
          }
          pause(retry);
        }
        default -> pause(Duration.ofMillis(100));
      }
      return result.result();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return Connector.Result.STOPPED;
    }
  }

  /** @param timed the transition whose PUBLISH and PUBACK are timed, or null */
  private boolean publish(String topic, byte[] payload, boolean retained,
      @Nullable AlarmEvent timed) {
    Window w = window;
    if (!w.acquire(() -> running && connected)) {
      return false;
    }
    try {
      connector.client().publish(topic, payload, 1, retained, Map.of(), null,
          new BrokerClient.Completion() {
            @Override
            public void delivered(String topic, @Nullable Object context, int reasonCode) {
              w.release();
              published.incrementAndGet();
              if (timed != null) {
                latency.record(AlarmLatency.Stage.MQTT_PUBACK, timed);
              }
            }

            @Override
            public void failed(String topic, @Nullable Object context, Throwable cause) {
              w.release();
            }
          });
      if (timed != null) {
        latency.record(AlarmLatency.Stage.MQTT_PUBLISH, timed);
      }
      return true;
    } catch (BrokerClient.Refused | IllegalArgumentException e) {
      w.release();
      String line = connection.lost(connector.client().serverUri(),
          "publish to " + topic + " refused (" + e + "); reconnecting", "");
      if (line != null) {
        log.warn(line);
      }
      connected = false;
      return false;
    }
  }

  private void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops within a few seconds; what is queued is sent if the broker is there. */
  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (connected && !queue.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    running = false;
    sender.interrupt();
    try {
      sender.join(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    BrokerClient client = connector.client();
    client.disconnect(3_000, false);
    client.close();
  }

  /** The connection ended; on the client's thread, so it only sets flags and logs. */
  private void lost(String reason) {
    connected = false;
    detail = "connection lost: " + reason;
    if (running) {
      String line = connection.lost(connector.client().serverUri(), reason,
          queue.size() + " alarm transitions wait.");
      if (line != null) {
        log.warn(line);
      }
    }
  }
}
