package io.floorgate.alarm;

import io.floorgate.config.AlarmPriority;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/** Alarms by priority and state, the engine's drops, and the alarm MQTT lane. */
final class AlarmMeters implements MeterBinder {

  private final AlarmEngine engine;
  private final AlarmMqtt mqtt;

  AlarmMeters(AlarmEngine engine, AlarmMqtt mqtt) {
    this.engine = engine;
    this.mqtt = mqtt;
  }

  @Override
  public void bindTo(MeterRegistry r) {
    for (AlarmPriority p : AlarmPriority.values()) {
      for (AlarmState s : AlarmState.values()) {
        if (s == AlarmState.NORMAL) {
          continue;
        }
        Gauge.builder("floorgate.alarms", engine, e -> count(e, p, s))
            .tag("priority", p.name().toLowerCase(Locale.ROOT))
            .tag("state", s.name().toLowerCase(Locale.ROOT))
            .description("alarms in this state (not normal), by priority").register(r);
      }
    }
    FunctionCounter.builder("floorgate.alarms.readings.dropped", engine,
        AlarmEngine::droppedReadings)
        .description("readings of alarm tags the engine's queue had no room for").register(r);
    Gauge.builder("floorgate.mqtt.connected", mqtt, m -> m.isConnected() ? 1 : 0)
        .tag("client", "alarms").description("1 while the lane's broker connection is up")
        .register(r);
    FunctionCounter.builder("floorgate.mqtt.publishes", mqtt, AlarmMqtt::published)
        .tag("client", "alarms").tag("result", "acked").register(r);
    FunctionCounter.builder("floorgate.mqtt.publishes", mqtt, AlarmMqtt::dropped)
        .tag("client", "alarms").tag("result", "dropped").register(r);
  }

  private static int count(AlarmEngine e, AlarmPriority p, AlarmState s) {
    int n = 0;
    for (Alarm a : e.alarms()) {
      if (a.priority() == p && a.state() == s) {
        n++;
      }
    }
    return n;
  }
}
