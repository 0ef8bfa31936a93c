package io.floorgate;

import io.floorgate.alarm.AlarmEngine;
import io.floorgate.alarm.AlarmMqtt;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.GatewayConfig;
import io.floorgate.mqtt.MqttPublisher;
import io.floorgate.ops.GatewaySource;
import org.jspecify.annotations.Nullable;

/** What operations read of a gateway: always its current parts (a reload replaces the config). */
final class FloorgateSource implements GatewaySource {

  private final Floorgate gateway;

  FloorgateSource(Floorgate gateway) {
    this.gateway = gateway;
  }

  @Override
  public GatewayConfig config() {
    return gateway.config();
  }

  @Override
  public MqttPublisher publisher() {
    return gateway.publisher();
  }

  @Override
  public DiskBuffer buffer() {
    return gateway.buffer();
  }

  @Override
  public @Nullable AlarmEngine alarms() {
    return gateway.alarms();
  }

  @Override
  public @Nullable AlarmMqtt alarmMqtt() {
    return gateway.alarmMqtt();
  }

  @Override
  public long samplesDropped() {
    return gateway.pipeline().dropped();
  }

  @Override
  public long samplesFailed() {
    return gateway.pipeline().failed();
  }

  @Override
  public long samplesUnknown() {
    return gateway.pipeline().unknown();
  }

  @Override
  public long samplesProcessed() {
    return gateway.pipeline().processed();
  }
}
