package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.LiveOrder.Source.POLLING;
import static io.floorgate.driver.opcua.LiveOrder.Source.SUBSCRIPTION;
import static io.floorgate.driver.opcua.LiveOrder.Verdict.CLOCK_RESET;
import static io.floorgate.driver.opcua.LiveOrder.Verdict.DUPLICATE;
import static io.floorgate.driver.opcua.LiveOrder.Verdict.NEW;
import static io.floorgate.driver.opcua.LiveOrder.Verdict.OLDER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LiveOrderTest {

  private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

  private final LiveOrder order = new LiveOrder();

  /** A value of the heartbeat counter: changed at second {@code source}, stamped by the server at {@code server}. */
  private static DataValue beat(long value, @Nullable Integer source, @Nullable Integer server) {
    return new DataValue(new Variant(value), StatusCode.GOOD, time(source), time(server));
  }

  private static @Nullable DateTime time(@Nullable Integer second) {
    return second == null ? null : new DateTime(T0.plusSeconds(second));
  }

  /**
   * Start-up: the Read of the current value and the subscription's first notifications (the
   * server's queue may hold older samples) in every order they can arrive: what is delivered
   * always rises strictly and always ends with the newest value.
   */
  @ParameterizedTest
  @MethodSource("startUpInterleavings")
  void everyInterleavingOfReadAndFirstNotificationsDeliversStrictlyRisingValues(List<DataValue> arrivals) {
    List<Long> delivered = new ArrayList<>();
    for (DataValue v : arrivals) {
      if (order.admit("heartbeat", v, SUBSCRIPTION) == NEW) {
        delivered.add((Long) v.value().value());
      }
    }
    for (int i = 1; i < delivered.size(); i++) {
      assertEquals(true, delivered.get(i) > delivered.get(i - 1), "not rising: " + delivered);
    }
    assertEquals(22L, delivered.get(delivered.size() - 1), delivered.toString());
  }

  static Stream<List<DataValue>> startUpInterleavings() {
    DataValue read = beat(21, 21, 30);            // the Read: current value, server time of the read
    List<DataValue> notifications = List.of(
        beat(18, 18, 18), beat(19, 19, 19), beat(20, 20, 20), beat(21, 21, 21), beat(22, 22, 22));
    // The notifications keep their order among themselves (one subscription); the read may come
    // before, between or after any of them.
    return Stream.iterate(0, i -> i + 1).limit(notifications.size() + 1).map(at -> {
      List<DataValue> arrivals = new ArrayList<>(notifications);
      arrivals.add(at, read);
      return arrivals;
    });
  }

  @Test
  void firstNotificationRepeatingTheValueReadIsADuplicate() {
    assertEquals(NEW, order.admit("t", beat(21, 21, 30), SUBSCRIPTION));
    assertEquals(DUPLICATE, order.admit("t", beat(21, 21, 31), SUBSCRIPTION));
    assertEquals(1, order.duplicates());
  }

  @Test
  void readOlderThanAFirstNotificationIsDropped() {
    assertEquals(NEW, order.admit("t", beat(22, 22, 22), SUBSCRIPTION));
    assertEquals(OLDER, order.admit("t", beat(21, 21, 30), SUBSCRIPTION));
    assertEquals(1, order.older());
  }

  @Test
  void republishedNotificationAlreadyDeliveredIsADuplicate() {
    assertEquals(NEW, order.admit("t", beat(5, 5, 5), SUBSCRIPTION));
    assertEquals(NEW, order.admit("t", beat(6, 6, 6), SUBSCRIPTION));
    assertEquals(OLDER, order.admit("t", beat(5, 5, 5), SUBSCRIPTION));
    assertEquals(DUPLICATE, order.admit("t", beat(6, 6, 6), SUBSCRIPTION));
    assertEquals(NEW, order.admit("t", beat(7, 7, 7), SUBSCRIPTION));
  }

  @Test
  void sameSourceTimeWithAnotherValueIsOrderedByServerTime() {
    assertEquals(NEW, order.admit("t", beat(1, 10, 10), SUBSCRIPTION));
    assertEquals(NEW, order.admit("t", beat(2, 10, 11), SUBSCRIPTION));
    assertEquals(OLDER, order.admit("t", beat(3, 10, 9), SUBSCRIPTION));
    // Nothing left to order by: a different value is news, the same one a repeat.
    assertEquals(NEW, order.admit("t", beat(4, 10, 11), SUBSCRIPTION));
    assertEquals(DUPLICATE, order.admit("t", beat(4, 10, 11), SUBSCRIPTION));
  }

  @Test
  void statusChangeWithTheSameTimestampsIsNews() {
    assertEquals(NEW, order.admit("t", beat(1, 10, 10), SUBSCRIPTION));
    var uncertain = new DataValue(new Variant(1L), new StatusCode(StatusCodes.Uncertain_LastUsableValue),
        time(10), time(10));
    assertEquals(NEW, order.admit("t", uncertain, SUBSCRIPTION));
  }

  @Test
  void pollingReadOfAnUnchangedValueIsANewReadingButTheSameReadIsNot() {
    assertEquals(NEW, order.admit("t", beat(1, 10, 10), POLLING));
    assertEquals(NEW, order.admit("t", beat(1, 10, 11), POLLING));
    assertEquals(DUPLICATE, order.admit("t", beat(1, 10, 11), POLLING));
    assertEquals(OLDER, order.admit("t", beat(1, 10, 9), POLLING));
  }

  @Test
  void withoutSourceTimeTheServerTimeOrders() {
    assertEquals(NEW, order.admit("t", beat(1, null, 10), SUBSCRIPTION));
    assertEquals(OLDER, order.admit("t", beat(0, null, 9), SUBSCRIPTION));
    assertEquals(NEW, order.admit("t", beat(2, null, 11), SUBSCRIPTION));
    assertEquals(DUPLICATE, order.admit("t", beat(2, null, 11), POLLING));
  }

  @Test
  void withoutAnyTimestampOnlyAnExactRepeatOfANotificationIsDropped() {
    assertEquals(NEW, order.admit("t", beat(1, null, null), SUBSCRIPTION));
    assertEquals(DUPLICATE, order.admit("t", beat(1, null, null), SUBSCRIPTION));
    assertEquals(NEW, order.admit("t", beat(0, null, null), SUBSCRIPTION));
    assertEquals(NEW, order.admit("t", beat(0, null, null), POLLING));
  }

  @Test
  void afterTheTagWasReportedBadTheSameValueIsNewsButAnOlderOneIsNot() {
    assertEquals(NEW, order.admit("t", beat(5, 5, 5), SUBSCRIPTION));
    order.reportedBad("t");
    assertEquals(OLDER, order.admit("t", beat(4, 4, 4), SUBSCRIPTION));
    assertEquals(NEW, order.admit("t", beat(5, 5, 5), POLLING));
    assertEquals(DUPLICATE, order.admit("t", beat(5, 5, 6), SUBSCRIPTION));
  }

  @Test
  void clockSetBackByHoursRestartsTheOrder() {
    assertEquals(NEW, order.admit("t", beat(5, 7200, 7200), SUBSCRIPTION));
    assertEquals(CLOCK_RESET, order.admit("t", beat(6, 1, 1), SUBSCRIPTION));
    assertEquals(NEW, order.admit("t", beat(7, 2, 2), SUBSCRIPTION));
    assertEquals(OLDER, order.admit("t", beat(6, 1, 1), SUBSCRIPTION));
    assertEquals(1, order.clockResets());
  }

  @Test
  void deliveryRunsOnlyForAValueLetThrough() {
    List<Long> delivered = new ArrayList<>();
    for (long beat : new long[] {5, 4, 5, 6}) {
      order.admit("t", beat(beat, (int) beat, (int) beat), SUBSCRIPTION, () -> delivered.add(beat));
    }
    assertEquals(List.of(5L, 6L), delivered);
  }

  @Test
  void tagsAreOrderedIndependently() {
    assertEquals(NEW, order.admit("a", beat(5, 5, 5), SUBSCRIPTION));
    assertEquals(NEW, order.admit("b", beat(1, 1, 1), SUBSCRIPTION));
    assertEquals(OLDER, order.admit("a", beat(1, 1, 1), SUBSCRIPTION));
  }
}
