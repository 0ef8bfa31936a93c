package io.floorgate.alarm;

import io.floorgate.broker.BrokerConnection;
import io.floorgate.config.AlarmsConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.output.Health;
import io.floorgate.driver.LinkState;
import io.floorgate.maintenance.CounterView;
import io.floorgate.maintenance.MaintenanceMeters;
import io.floorgate.maintenance.MaintenanceSection;
import io.floorgate.output.Output;
import io.floorgate.output.StatusSection;
import io.floorgate.reading.Reading;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Alarms as an output: the engine evaluates readings of alarm tags, and every transition leaves on
 * the dedicated alarm MQTT lane (and, through the engine's listeners, the API's WebSocket stream).
 * Ready while the alarm lane's broker connection is up.
 */
public final class AlarmOutput implements Output {

  public static final String NAME = "alarms";
  /** Readings of alarm tags and operator commands waiting for the engine. */
  private static final int QUEUE_CAPACITY = 10_000;

  private final AlarmEngine engine;
  private final AlarmMqtt mqtt;
  private final AlarmHealthReport health;
  private final MaintenanceMeters counterMeters;

  private AlarmOutput(AlarmEngine engine, AlarmMqtt mqtt, AlarmHealthReport health) {
    this.engine = engine;
    this.mqtt = mqtt;
    this.health = health;
    this.counterMeters = new MaintenanceMeters(engine::counters);
  }

  /**
   * Builds the engine (reading its state file) and the alarm lane; nothing runs before
   * {@link #start()}.
   *
   * @throws IllegalArgumentException when the broker settings cannot be used (TLS files)
   */
  public static AlarmOutput of(GatewayConfig config, Clock clock) {
    AlarmsConfig alarms = Objects.requireNonNull(config.alarms(), "alarms");
    BrokerConnection connection = new BrokerConnection("alarm", alarms.broker());
    AlarmEngine engine = new AlarmEngine(config, clock, QUEUE_CAPACITY);
    AlarmMqtt mqtt = new AlarmMqtt(connection, new AlarmTopics(config.namespace()),
        engine::alarms, engine.latency());
    engine.addListener(mqtt);
    AlarmHealth health = new AlarmHealth(clock, engine::alarms);
    engine.addListener(health);
    return new AlarmOutput(engine, mqtt, new AlarmHealthReport(health));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start() {
    mqtt.start();
    engine.start();
  }

  /** Alarm tags take the pipeline's priority lane; this is a queue offer, never a wait. */
  @Override
  public void accept(Reading reading) {
    engine.offer(reading);
  }

  /** The communication alarms and the suppression of quality alarms follow the links. */
  @Override
  public void linkChanged(String connection, LinkState state) {
    engine.linkChanged(connection, state);
  }

  @Override
  public Health health() {
    return mqtt.isConnected() ? Health.ready(mqtt.detail() + "; " + engine.alarms().size()
        + " alarms") : Health.notReady("alarm MQTT lane " + mqtt.detail());
  }

  @Override
  public List<String> reload(GatewayConfig next) {
    engine.reload(next).join();
    counterMeters.refresh();
    return List.of(engine.alarms().size() + " alarms");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    new AlarmMeters(engine, mqtt).bindTo(registry);
    engine.latency().bindTo(registry);
    counterMeters.bindTo(registry);
    health.bindTo(registry);
  }

  /**
   * The maintenance counters' table, when the rules have counters; the alarm system's health
   * (ISA-18.2 / EEMUA 191) and the most frequent alarms.
   */
  @Override
  public List<StatusSection> statusSections() {
    List<CounterView> counters = engine.counters();
    List<StatusSection> sections = new java.util.ArrayList<>();
    if (!counters.isEmpty()) {
      sections.add(MaintenanceSection.of(counters));
    }
    sections.addAll(health.sections());
    return sections;
  }

  /** The engine: the API's alarm routes, PLC conditions and acknowledgements go through it. */
  public AlarmEngine engine() {
    return engine;
  }

  /** The alarm MQTT lane, for tests. */
  public AlarmMqtt mqtt() {
    return mqtt;
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      mqtt.close();
    }
  }
}
