package io.floorgate.ops;

import io.floorgate.alarm.AlarmEngine;
import io.floorgate.alarm.AlarmMqtt;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.GatewayConfig;
import io.floorgate.mqtt.MqttPublisher;
import org.jspecify.annotations.Nullable;

/**
 * What operations read of a running gateway. Implemented by the composition root; every method
 * answers the current part (a reload may replace the config and the alarm rules).
 */
public interface GatewaySource {

  GatewayConfig config();

  MqttPublisher publisher();

  DiskBuffer buffer();

  @Nullable AlarmEngine alarms();

  @Nullable AlarmMqtt alarmMqtt();

  /** Samples dropped because the normalization queue was full. */
  long samplesDropped();

  /** Samples whose normalization threw (a value the tag's config cannot convert). */
  long samplesFailed();

  /** Samples of tags the configuration does not know. */
  long samplesUnknown();

  /** Samples normalized. */
  long samplesProcessed();
}
