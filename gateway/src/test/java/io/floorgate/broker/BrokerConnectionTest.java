package io.floorgate.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectorTest {

  @ParameterizedTest(name = "CONNACK receive maximum {0} -> {1}")
  @CsvSource({
      ",      65535",
      "20,    20",
      "1,     1",
      "65535, 65535",
  })
  void receiveMaximumDefaultsToTheProtocolMaximum(@Nullable Integer stated, int expected) {
    MqttProperties connack = new MqttProperties();
    connack.setReceiveMaximum(stated);

    assertEquals(expected, Connector.receiveMaximum(connack));
  }

  @Test
  void connackWithoutPropertiesMeansTheProtocolMaximum() {
    assertEquals(65_535, Connector.receiveMaximum(null));
  }
}
