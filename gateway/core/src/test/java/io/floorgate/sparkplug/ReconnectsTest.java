package io.floorgate.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import io.floorgate.driver.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

class ReconnectsTest {

  /** The shared backoff's steps without jitter, so the delays are exact. */
  static final Backoff STEADY = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0);

  @Test
  void walksEveryBrokerAtOnceThenWaitsLongerEachRound() {
    Reconnects r = new Reconnects(2, STEADY);
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Duration delay = r.walk();
      steps.add(r.index() + "@" + delay.toSeconds());
    }

    assertEquals(List.of("1@0", "0@1", "1@0", "0@2", "1@0", "0@4"), steps);
  }

  @Test
  void aSessionResetsTheDelay() {
    Reconnects r = new Reconnects(1, STEADY);
    r.walk();
    r.walk();
    r.sessionStarted();

    assertEquals(Duration.ofSeconds(1), r.walk());
  }

  @Test
  void theDelayStopsGrowingAtItsMaximum() {
    Reconnects r = new Reconnects(1, STEADY);
    Duration last = Duration.ZERO;
    for (int i = 0; i < 20; i++) {
      last = r.walk();
    }

    assertEquals(Duration.ofSeconds(30), last);
  }

  @Test
  void aRefusedTcpConnectionSentNoConnect() {
    MqttException refused = new MqttException(MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR,
        new ConnectException("Connection refused"));
    // CONNACK "not authorized": the CONNECT went out.
    MqttException notAuthorized = new MqttException(0x87);

    assertFalse(Reconnects.connectMayHaveBeenSent(refused));
    assertTrue(Reconnects.connectMayHaveBeenSent(notAuthorized));
  }
}
