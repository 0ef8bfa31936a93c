package io.floorgate.alarm;

import io.floorgate.config.MqttConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedicated alarm MQTT connection: a Paho client of its own (never the telemetry one, so it
 * never waits behind telemetry or its backlog), QoS 1, each alarm's state retained on its state
 * topic and every transition on its events topic, not retained. See {@link AlarmTopics}.
 *
 * <p>Transitions are handed over on the engine's thread into a bounded queue; one sender thread
 * connects, reconnects with backoff, publishes every alarm's state again after each connect (so the
 * retained topics are right after a broker restart), then the queued transitions.
 */
public final class AlarmMqtt implements AlarmListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlarmMqtt.class);
  private static final int QUEUE_CAPACITY = 10_000;
  private static final int MAX_IN_FLIGHT = 64;
  private static final Duration RETRY_INITIAL = Duration.ofMillis(500);
  private static final Duration RETRY_MAX = Duration.ofSeconds(30);

  /** Observes the lane, for the benchmark: both calls come on Paho's or the sender's thread. */
  public interface Probe {
    /** The PUBLISH of an event was handed to the client's socket writer. */
    void sent(AlarmEvent event);

    /** The broker acknowledged it (PUBACK). */
    void acknowledged(AlarmEvent event);
  }

  private final MqttConfig mqtt;
  private final String clientId;
  private final AlarmTopics topics;
  private final Supplier<List<Alarm>> states;
  private final MqttAsyncClient client;
  private final LinkedBlockingDeque<AlarmEvent> queue = new LinkedBlockingDeque<>(QUEUE_CAPACITY);
  private final Semaphore window = new Semaphore(MAX_IN_FLIGHT);
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final Thread sender;
  private volatile boolean running = true;
  private volatile boolean connected;
  private volatile @Nullable Probe probe;

  /**
   * @param mqtt     the telemetry broker settings: URL and credentials are shared
   * @param clientId this connection's own client id
   * @param states   every alarm's current state, published after each connect
   */
  public AlarmMqtt(MqttConfig mqtt, String clientId, AlarmTopics topics,
      Supplier<List<Alarm>> states) {
    this.mqtt = mqtt;
    this.clientId = clientId;
    this.topics = topics;
    this.states = states;
    try {
      this.client = new MqttAsyncClient(mqtt.url(), clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("alarm MQTT client for " + mqtt.url() + ": " + e, e);
    }
    client.setCallback(new Callbacks());
    this.sender = new Thread(this::run, "floorgate-alarm-mqtt");
    this.sender.setDaemon(true);
  }

  public void start() {
    sender.start();
  }

  public void probe(@Nullable Probe probe) {
    this.probe = probe;
  }

  public boolean isConnected() {
    return connected;
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
            QUEUE_CAPACITY, mqtt.url(), dropped.get());
      }
    }
  }

  private void run() {
    Duration delay = RETRY_INITIAL;
    while (running) {
      if (!connected) {
        if (!connect()) {
          log.warn("Alarm MQTT connection {} to {} failed; next try in {} ms", clientId,
              mqtt.url(), delay.toMillis());
          pause(delay);
          delay = delay.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : delay.multipliedBy(2);
          continue;
        }
        delay = RETRY_INITIAL;
        for (Alarm alarm : states.get()) {
          publish(topics.state(alarm.id()), AlarmJson.alarm(alarm), true, null);
        }
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

  private boolean connect() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setSessionExpiryInterval(0L);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(10);
    options.setConnectionTimeout((int) Math.max(1, mqtt.connectTimeout().toSeconds()));
    if (mqtt.username() != null) {
      options.setUserName(mqtt.username());
    }
    if (mqtt.password() != null) {
      options.setPassword(mqtt.password().getBytes(StandardCharsets.UTF_8));
    }
    try {
      IMqttToken token = client.connect(options);
      token.waitForCompletion(mqtt.connectTimeout().toMillis() + 1_000);
      MqttProperties connack = token.getResponseProperties();
      Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
      int permits = receiveMaximum == null || receiveMaximum <= 0 ? MAX_IN_FLIGHT
          : Math.min(MAX_IN_FLIGHT, receiveMaximum);
      window.drainPermits();
      window.release(permits);
      connected = true;
      log.info("Alarm MQTT connection {} up to {} (window {})", clientId, mqtt.url(), permits);
      return true;
    } catch (MqttException e) {
      log.debug("alarm MQTT connect: {}", e.toString());
      try {
        client.disconnectForcibly(0, 1_000, false);
      } catch (MqttException ignored) {
        // Not connected: nothing to drop.
      }
      return false;
    }
  }

  private boolean publish(String topic, byte[] payload, boolean retained,
      @Nullable AlarmEvent event) {
    try {
      while (!window.tryAcquire(200, TimeUnit.MILLISECONDS)) {
        if (!running || !connected) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    MqttMessage message = new MqttMessage(payload, 1, retained, null);
    try {
      client.publish(topic, message, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          window.release();
          published.incrementAndGet();
          Probe p = probe;
          if (p != null && event != null) {
            p.acknowledged(event);
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          window.release();
        }
      });
      Probe p = probe;
      if (p != null && event != null) {
        p.sent(event);
      }
      return true;
    } catch (MqttException e) {
      window.release();
      log.warn("Alarm MQTT publish to {} failed ({}); retrying after reconnect", topic,
          e.toString());
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
      if (client.isConnected()) {
        client.disconnect(2_000).waitForCompletion(3_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (MqttException e) {
      log.debug("alarm MQTT disconnect: {}", e.toString());
    } finally {
      try {
        client.close();
      } catch (MqttException e) {
        log.debug("alarm MQTT close: {}", e.toString());
      }
    }
  }

  /** Paho's connection events; on Paho's threads, so they only set flags. */
  private final class Callbacks implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      connected = false;
      log.warn("Alarm MQTT connection {} to {} lost ({}); reconnecting", clientId, mqtt.url(),
          response.getReasonString() == null ? response.getException() : response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      log.warn("Alarm MQTT error on {}: {}", clientId, exception.toString());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
