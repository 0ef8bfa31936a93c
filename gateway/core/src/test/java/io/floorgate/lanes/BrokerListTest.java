package io.floorgate.lanes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.Floorgate;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.Recorder;
import io.floorgate.testkit.TestPlant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which brokers each lane uses. {@code mqtt.urls} is a list tried in order, and the Sparkplug and
 * alarm lanes inherit it unless they name their own ({@code sparkplug.brokers},
 * {@code alarms.urls}). With the first broker down every lane ends on the second, and the first
 * coming back costs the UNS lane nothing (QoS 1 with store-and-forward: each heartbeat arrives on
 * one broker or the other).
 */
@Timeout(120)
class BrokerListTest extends LaneTest {

  /** Heartbeats (10 a second) to see published after the first broker is back. */
  static final int AFTER_RETURN = 50;

  MosquittoProcess first;
  MosquittoProcess second;
  Recorder onFirst;
  Recorder onSecond;

  @Override
  void closeOthers() throws Exception {
    closeAll(onFirst, onSecond, first, second);
  }

  @Test
  void everyLaneUsesTheSecondBrokerWhileTheFirstIsDownAndNoTelemetryIsLostWhenItReturns()
      throws Exception {
    // A session on the first broker before it goes down, so that whatever the gateway publishes
    // there once it is back is kept for the test, even before the recorder has reconnected.
    first = MosquittoProcess.start(dir.resolve("first"));
    onFirst = Recorder.durable(first.url(), "#");
    first.stop();
    second = MosquittoProcess.start(dir.resolve("second"));
    onSecond = Recorder.subscribe(second.url(), "#");

    gateway = Floorgate.start(TestPlant.lanes(plant, dir, """
        mqtt:
          urls: ['%s', '%s']
          clientId: lanes
          connectTimeout: 2s
        sparkplug: { enabled: true }
        alarms:
          %s
        """.formatted(first.url(), second.url(), TestPlant.HI_RULES)));

    await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), onSecond.missing(
        TestPlant.HEARTBEAT_TOPIC, TestPlant.NBIRTH, TestPlant.ALARM_STATE),
        "not on the second broker"));
    long beforeReturn = heartbeats().last();
    first.start();
    await().atMost(WAIT).until(() -> heartbeats().last() >= beforeReturn + AFTER_RETURN);

    TreeSet<Long> received = heartbeats();
    assertEquals(List.of(), gaps(received), () -> "heartbeats missing between "
        + received.first() + " and " + received.last() + " (first broker back after "
        + beforeReturn + ")");
  }

  @Test
  void aLaneThatNamesItsOwnBrokersUsesThemInsteadOfTheUnsOnes() throws Exception {
    first = MosquittoProcess.start(dir.resolve("first"));
    second = MosquittoProcess.start(dir.resolve("second"));
    onFirst = Recorder.subscribe(first.url(), "#");
    onSecond = Recorder.subscribe(second.url(), "#");

    gateway = Floorgate.start(TestPlant.lanes(plant, dir, """
        mqtt: { urls: ['%s'], clientId: lanes }
        sparkplug: { enabled: true, brokers: ['%s'] }
        alarms:
          urls: ['%s']
          %s
        """.formatted(first.url(), second.url(), second.url(), TestPlant.HI_RULES)));

    await().atMost(WAIT).untilAsserted(() -> {
      assertEquals(List.of(), onFirst.missing(TestPlant.HEARTBEAT_TOPIC), "UNS on mqtt.urls");
      assertEquals(List.of(), onSecond.missing(TestPlant.NBIRTH, TestPlant.ALARM_STATE),
          "Sparkplug and alarms on their own brokers");
    });
    assertEquals(List.of(TestPlant.NBIRTH, TestPlant.ALARM_STATE),
        onFirst.missing(TestPlant.NBIRTH, TestPlant.ALARM_STATE), "nothing of theirs on mqtt.urls");
    assertEquals(List.of(TestPlant.HEARTBEAT_TOPIC), onSecond.missing(TestPlant.HEARTBEAT_TOPIC),
        "no UNS on the lanes' own brokers");
  }

  /** Every heartbeat value received on either broker, with good quality. */
  TreeSet<Long> heartbeats() {
    TreeSet<Long> values = new TreeSet<>();
    Stream.concat(onFirst.on(TestPlant.HEARTBEAT_TOPIC).stream(),
            onSecond.on(TestPlant.HEARTBEAT_TOPIC).stream())
        .map(Recorder.Message::json)
        .filter(json -> "GOOD".equals(json.path("quality").asText()))
        .forEach(json -> values.add(json.path("value").asLong()));
    return values;
  }

  /** The missing ranges between the lowest and the highest value, as "from-to". */
  static List<String> gaps(TreeSet<Long> values) {
    List<String> gaps = new ArrayList<>();
    Long previous = null;
    for (long v : values) {
      if (previous != null && v > previous + 1) {
        gaps.add((previous + 1) + "-" + (v - 1));
      }
      previous = v;
    }
    return gaps;
  }
}
