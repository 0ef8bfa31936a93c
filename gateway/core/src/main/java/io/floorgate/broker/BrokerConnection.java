package io.floorgate.broker;

import io.floorgate.config.BrokerConfig;
import io.floorgate.config.MqttProtocol;
import io.floorgate.config.ReconnectConfig;
import io.floorgate.config.TlsConfig;
import io.floorgate.driver.Backoff;
import io.floorgate.driver.CauseThrottle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

/**
 * How one lane (UNS telemetry, Sparkplug, alarms) connects to its brokers: the only place that
 * builds clients ({@link BrokerClient}, MQTT 5 or 3.1.1) and their connect options, so TLS, the
 * URL list, credentials, clean start, keep-alive and the protocol version mean the same on every
 * lane, and every lane backs off and explains failures alike.
 *
 * <p>A lane reconnects on a thread of its own, never with Paho's automatic reconnect: Paho does
 * not retry a first connect that fails, does not hand the CONNACK of its own reconnects to the
 * application (so the broker's Receive Maximum could not be re-read), reuses the first Will (wrong
 * for Sparkplug's bdSeq), and keeps its retry delay in a static field shared by every client in
 * the JVM.
 */
public final class BrokerConnection {

  /** The broker's Receive Maximum when its CONNACK does not state one (MQTT 5, 3.2.2.3.3). */
  public static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;
  /** A limit MQTT 3.1.1 brokers do not state: the lane's own ceiling rules alone. */
  public static final int UNKNOWN_LIMIT = Integer.MAX_VALUE;
  /**
   * The wait after the broker refused the credentials or the client (MQTT 5 reason 0x86/0x87,
   * 3.1.1 return code 4/5) instead of the backoff: a broker that locks accounts after failed
   * logins must not see one every 30 s.
   */
  public static final Duration AUTH_RETRY = Duration.ofMinutes(5);

  private final String lane;
  private final BrokerConfig config;
  private final @Nullable SocketFactory tls;
  private final Backoff backoff;
  private final ProtocolChoice versions;
  private final Duration authRetry;
  private final Takeovers takeovers;
  /** Failed connects, logged once per cause until a connect succeeds. */
  private final CauseThrottle failures = new CauseThrottle();
  /** Lost connections, logged once per cause, then at most once a minute with their count. */
  private final CauseThrottle losses = new CauseThrottle();
  private final List<Consumer<Duration>> retryListeners = new CopyOnWriteArrayList<>();

  /**
   * @param lane what the connection is for, in log lines: "UNS", "Sparkplug", "alarm"
   * @throws IllegalArgumentException when the TLS files cannot be used (the message names them)
   */
  public BrokerConnection(String lane, BrokerConfig config) {
    this(lane, config, backoff(config.reconnect()));
  }

  /** The backoff {@code mqtt.reconnect} asks for. */
  private static Backoff backoff(ReconnectConfig reconnect) {
    return new Backoff(reconnect.initialDelay(), reconnect.maxDelay());
  }

  public BrokerConnection(String lane, BrokerConfig config, Backoff backoff) {
    this(lane, config, backoff, AUTH_RETRY, Takeovers.HOLD_OFFS);
  }

  /**
   * @param authRetry the wait after the broker refused the credentials or the client
   * @param holdOffs  the waits after another client took the session over, growing while it
   *                  goes on (30 s, 2 min, 5 min)
   */
  public BrokerConnection(String lane, BrokerConfig config, Backoff backoff, Duration authRetry,
      List<Duration> holdOffs) {
    this.lane = Objects.requireNonNull(lane, "lane");
    this.authRetry = Objects.requireNonNull(authRetry, "authRetry");
    this.config = Objects.requireNonNull(config, "config");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    TlsConfig tlsConfig = config.tls();
    this.tls = tlsConfig == null ? null : TlsSockets.of(tlsConfig);
    this.versions = new ProtocolChoice(lane, config);
    this.takeovers = new Takeovers(config.clientId(), clientIdKey(lane), holdOffs,
        System::nanoTime);
  }

  private static String clientIdKey(String lane) {
    return switch (lane) {
      case "Sparkplug" -> "sparkplug.clientId";
      case "alarm" -> "alarms.clientId";
      default -> "mqtt.clientId";
    };
  }

  public String lane() {
    return lane;
  }

  public BrokerConfig config() {
    return config;
  }

  public String clientId() {
    return config.clientId();
  }

  public List<String> urls() {
    return config.urls();
  }

  /**
   * A new client for {@code url} (the connect may list more brokers to try after it), speaking
   * the version this lane uses now: {@code protocol: 5} or {@code 3.1.1} as configured; under
   * {@code auto} MQTT 5 until a broker refused it, then 3.1.1.
   *
   * @throws IllegalArgumentException for a URL Paho cannot use
   */
  public BrokerClient client(String url, BrokerClient.Events events) {
    try {
      BrokerClient.Events watched = watch(events);
      return protocol() == MqttProtocol.V3_1_1 ? new V3Client(url, config, tls, watched)
          : new V5Client(url, config, tls, watched);
    } catch (org.eclipse.paho.mqttv5.common.MqttException
        | org.eclipse.paho.client.mqttv3.MqttException | IllegalArgumentException e) {
      throw new IllegalArgumentException(lane + " broker URL '" + url + "' cannot be used: "
          + e.getMessage() + "; write it as tcp://host:1883 or ssl://host:8883", e);
    }
  }

  /**
   * The lane's events with every loss judged first: a takeover (MQTT 5 reason 0x8E, or quick
   * losses in a row, see {@link Takeovers}) holds the next connect back ({@link #holdOff()}), and
   * the reason says so and when the next attempt is; any other reason ends in "reconnecting".
   */
  private BrokerClient.Events watch(BrokerClient.Events lane) {
    return new BrokerClient.Events() {
      @Override
      public void lost(String reason) {
        lane.lost(takeovers.lost(reason) + holdOffSuffix());
      }

      @Override
      public void takenOver(String reason) {
        lane.lost(takeovers.takenOver());
      }

      @Override
      public void message(String topic, byte[] payload) {
        lane.message(topic, payload);
      }

      private String holdOffSuffix() {
        return takeovers.pending() ? "" : "; reconnecting";
      }
    };
  }

  /**
   * How long the lane waits before it connects again after a loss: zero, unless another client
   * with its client id took the session over. Taken once.
   */
  public Duration holdOff() {
    return takeovers.take();
  }

  /** The TLS sockets every client of this lane uses; null for Paho's default. */
  @Nullable SocketFactory tls() {
    return tls;
  }

  /** The version the next connect speaks. */
  public MqttProtocol protocol() {
    return versions.next();
  }

  /**
   * Judges a failed connect under {@code protocol: auto}: true when the broker refused MQTT 5 as
   * an unsupported version (or hung up on its CONNECT) and the next attempt, made at once, is to
   * speak 3.1.1. Called on the lane's own thread.
   */
  public boolean retryWith311(MqttProtocol tried, @Nullable Throwable cause) {
    return versions.failed(tried, cause);
  }

  /** Notes a connection that is up; the first 3.1.1 one is logged with what it lacks. */
  public void connected(BrokerClient.Connack connack, String serverUri) {
    versions.connected(connack.protocol(), serverUri);
    takeovers.connected();
    failures.clear();
  }

  /** The waits between failed connects of this lane. */
  public Backoff backoff() {
    return backoff;
  }

  /**
   * Hears every wait this lane schedules after a failed connect (from {@link #retryDelay}), on
   * the lane's own thread; it must return at once.
   */
  public void onRetry(Consumer<Duration> listener) {
    retryListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** How long to wait after the {@code failures}-th failed attempt in a row. */
  public Duration retryDelay(int failures) {
    return scheduled(backoff.next(failures));
  }

  /**
   * How long to wait after the {@code failures}-th failed attempt in a row that failed with
   * {@code cause}: minutes when the broker refused the credentials or the client, else the
   * backoff.
   */
  public Duration retryDelay(int failures, @Nullable Throwable cause) {
    return scheduled(afterRefusal(backoff.next(failures), cause));
  }

  private Duration scheduled(Duration delay) {
    retryListeners.forEach(l -> l.accept(delay));
    return delay;
  }

  /** {@code delay}, or the longer wait after a refused login when {@code cause} is one. */
  public Duration afterRefusal(Duration delay, @Nullable Throwable cause) {
    return ConnectFailures.isAuthRefusal(cause) ? authRetry : delay;
  }

  /**
   * The log line of a failed attempt — which lane, brokers and client, why, when the next attempt
   * is, and what to check — or null when that cause was logged already and is counted until a
   * minute has passed (or a connect succeeded).
   *
   * @param waiting what waits meanwhile, e.g. "412 readings wait in the buffer …"; may be empty
   */
  public @Nullable String unreachable(List<String> urls, @Nullable Throwable cause, Duration next,
      String waiting) {
    return failures.admit(ConnectFailures.describe(cause), line(urls, cause, next, waiting));
  }

  /**
   * The log line of a lost connection, or null while that cause is counted (see
   * {@link CauseThrottle}).
   *
   * @param reason  as the lane's {@link BrokerClient.Events#lost} got it
   * @param waiting what waits meanwhile; may be empty
   */
  public @Nullable String lost(String serverUri, String reason, String waiting) {
    return losses.admit(reason, "MQTT " + lane + " connection " + config.clientId() + " to "
        + serverUri + " lost: " + reason + (waiting.isEmpty() ? "." : ". " + waiting));
  }

  /**
   * {@code line} when {@code cause} is new or was last logged a minute ago (with its count), else
   * null — for lanes that phrase their failures and losses themselves. Not reset by a connect: a
   * connection that keeps coming and going is one cause.
   */
  public @Nullable String throttle(String cause, String line) {
    return losses.admit(cause, line);
  }

  private String line(List<String> urls, @Nullable Throwable cause, Duration next,
      String waiting) {
    boolean auth = ConnectFailures.isAuthRefusal(cause);
    return "MQTT " + lane + " connection: broker " + String.join(", ", urls)
        + " not reachable as client " + config.clientId() + ": " + ConnectFailures.describe(cause)
        + "; " + (waiting.isEmpty() ? "" : waiting + ", ") + "next attempt in "
        + Backoff.humanize(next) + (auth ? " (not sooner, so that the broker does not lock the "
        + "account)" : "") + ". " + ConnectFailures.advice(cause, config);
  }

  /** What to check after a failed attempt, alone (for lanes that phrase the rest themselves). */
  public String advice(@Nullable Throwable cause) {
    return ConnectFailures.advice(cause, config);
  }

  public static String describe(@Nullable Throwable cause) {
    return ConnectFailures.describe(cause);
  }

  /** The broker's Receive Maximum from its CONNACK. */
  public static int receiveMaximum(@Nullable MqttProperties connack) {
    Integer value = connack == null ? null : connack.getReceiveMaximum();
    return value == null || value <= 0 ? DEFAULT_RECEIVE_MAXIMUM : value;
  }

  /** The broker's Maximum Packet Size from its CONNACK; unlimited when it states none. */
  public static long maxPacketBytes(@Nullable MqttProperties connack) {
    Long value = connack == null ? null : connack.getMaximumPacketSize();
    return value == null || value <= 0 ? Long.MAX_VALUE : value;
  }
}
