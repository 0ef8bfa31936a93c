package io.floorgate.ops;

import io.floorgate.alarm.AlarmMqtt;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The telemetry and alarm MQTT connections: state, publishes by result, in-flight window, and the
 * telemetry publish latency.
 */
final class MqttMeters implements MeterBinder {

  private final GatewaySource gateway;

  MqttMeters(GatewaySource gateway) {
    this.gateway = gateway;
  }

  @Override
  public void bindTo(MeterRegistry r) {
    GatewaySource g = gateway;
    Gauge.builder("floorgate.mqtt.connected", g, s -> s.publisher().isConnected() ? 1 : 0)
        .tag("client", "telemetry").description("1 while the broker connection is up").register(r);
    FunctionCounter.builder("floorgate.mqtt.publishes", g, s -> s.publisher().published())
        .tag("client", "telemetry").tag("result", "acked").register(r);
    FunctionCounter.builder("floorgate.mqtt.publishes", g, s -> s.publisher().failed())
        .tag("client", "telemetry").tag("result", "refused").register(r);
    FunctionCounter.builder("floorgate.mqtt.publishes", g, s -> s.publisher().dropped())
        .tag("client", "telemetry").tag("result", "dropped").register(r);
    Gauge.builder("floorgate.mqtt.inflight.window", g, s -> s.publisher().inFlightWindow())
        .tag("client", "telemetry")
        .description("publishes allowed in flight (the broker's Receive Maximum)").register(r);
    Gauge.builder("floorgate.mqtt.queued", g, s -> s.publisher().queued())
        .tag("client", "telemetry").description("readings waiting to be published").register(r);
    g.publisher().recordLatency(Timer.builder("floorgate.mqtt.publish.latency")
        .tag("client", "telemetry")
        .description("from the gateway's receipt of a reading to the broker's acknowledgement")
        .publishPercentiles(0.5, 0.99)
        .register(r));
    Gauge.builder("floorgate.mqtt.connected", g, s -> {
      AlarmMqtt a = s.alarmMqtt();
      return a == null ? Double.NaN : a.isConnected() ? 1 : 0;
    }).tag("client", "alarms").register(r);
    FunctionCounter.builder("floorgate.mqtt.publishes", g, s -> {
      AlarmMqtt a = s.alarmMqtt();
      return a == null ? 0 : a.published();
    }).tag("client", "alarms").tag("result", "acked").register(r);
    FunctionCounter.builder("floorgate.mqtt.publishes", g, s -> {
      AlarmMqtt a = s.alarmMqtt();
      return a == null ? 0 : a.dropped();
    }).tag("client", "alarms").tag("result", "dropped").register(r);
  }
}
