package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.LiveOrder.Source.SUBSCRIPTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.time.Instant;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;

/** What the gateway gets, and what the log says, when values come late or twice. */
class DeliveryOrderTest {

  private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
  private static final ResolvedTag BEAT =
      new ResolvedTag(Specs.tag("heartbeat", Specs.HEARTBEAT), NodeId.parse(Specs.HEARTBEAT));

  private final CollectingSink sink = new CollectingSink();
  private final Delivery delivery = new Delivery("rhk01", sink);

  private void notify(long beat) {
    DateTime at = new DateTime(T0.plusSeconds(beat));
    delivery.value(BEAT, new DataValue(new Variant(beat), StatusCode.GOOD, at, at), SUBSCRIPTION);
  }

  private List<Long> delivered() {
    return sink.samplesFor("heartbeat").stream().map(s -> ((Number) s.value()).longValue()).toList();
  }

  @Test
  void lateAndRepeatedValuesAreDroppedCountedAndLoggedOnce() {
    try (var logs = new LogCapture(Delivery.class)) {
      for (long beat : new long[] {5, 6, 7, 5, 6, 7, 8, 7, 8, 9}) {
        notify(beat);
      }

      assertEquals(List.of(5L, 6L, 7L, 8L, 9L), delivered());
      assertEquals(3, delivery.staleDropped());
      assertEquals(2, delivery.duplicatesDropped());
      List<String> lines = logs.messages(Level.INFO);
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).contains("'heartbeat'") && lines.get(0).contains("1 dropped so far"), lines.get(0));
    }
  }

  @Test
  void afterTheTagWasReportedBadItsUnchangedValueIsDeliveredAgain() {
    notify(5);
    delivery.bad(BEAT, new StatusCode(StatusCodes.Bad_NoCommunication));
    notify(5);
    notify(4);

    assertEquals(3, sink.samplesFor("heartbeat").size());
    assertTrue(sink.samplesFor("heartbeat").get(1).status().isBad());
    assertEquals(5L, ((Number) sink.samplesFor("heartbeat").get(2).value()).longValue());
  }
}
