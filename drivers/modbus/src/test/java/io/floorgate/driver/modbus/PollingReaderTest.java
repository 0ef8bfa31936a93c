package io.floorgate.driver.modbus;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class PollingReaderTest {

  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);

  private LibraryServer server;
  private ModbusTcpClient client;

  @BeforeEach
  void start() throws Exception {
    server = LibraryServer.start();
    client = TestClients.connect(server.port(), REQUEST_TIMEOUT);
  }

  @AfterEach
  void stop() throws Exception {
    client.disconnect();
    server.close();
  }

  @Test
  void everyTypeAndOrderReadsBackWhatTheServerHolds() throws Exception {
    KnownMap.seed(server);
    var reader = reader(KnownMap.tags(), ReadLimits.DEFAULT);

    Map<String, Object> values = new LinkedHashMap<>();
    for (TagRead r : poll(reader)) {
      assertEquals(ModbusStatus.GOOD, r.status(), r.key() + ": " + r.reason());
      values.put(r.key(), r.value());
    }
    assertEquals(KnownMap.expected(), values);
  }

  @Test
  void tagsAcrossARangeAreReadInTheMinimumNumberOfRequestsCountedAtTheServer() throws Exception {
    List<ModbusTag> tags = new ArrayList<>();
    for (int i = 0; i < 100; i++) { // 100 float32 every 4 registers: hr:0..397, gaps of 2
      tags.add(ModbusTag.parse("t" + i, "hr:" + 4 * i, "float32", "CDAB"));
    }
    var reader = reader(tags, ReadLimits.DEFAULT);
    int before = server.readRequests();

    List<TagRead> reads = poll(reader);

    assertTrue(reads.stream().allMatch(r -> r.status().isGood()));
    assertEquals(4, reader.plan().size(), "398 registers need ceil(398 / 125) = 4 reads");
    assertEquals(4, server.readRequests() - before);
  }

  @Test
  void anUnmappedAddressIsBadOutOfRangeWithTheExceptionNamedAndOtherRequestsStayGood()
      throws Exception {
    server.mapHoldingRegistersUpTo(99);
    var reader = reader(List.of(
        ModbusTag.parse("mapped", "hr:10", "int16", "ABCD"),
        ModbusTag.parse("unmapped", "hr:200", "float32", "ABCD")), ReadLimits.DEFAULT);

    List<TagRead> reads = poll(reader);

    assertEquals(ModbusStatus.GOOD, reads.get(0).status());
    TagRead bad = reads.get(1);
    assertNull(bad.value());
    assertEquals("Bad_OutOfRange", bad.status().statusName());
    assertEquals("Modbus exception 2: illegal data address (read holding registers 200..201"
        + " (unit 1))", bad.reason());
  }

  @ParameterizedTest(name = "exception {0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "1  | Bad_NotSupported        | Modbus exception 1: illegal function",
      "3  | Bad_InvalidArgument     | Modbus exception 3: illegal data value",
      "4  | Bad_DeviceFailure       | Modbus exception 4: server device failure",
      "6  | Bad_ResourceUnavailable | Modbus exception 6: server device busy",
      "10 | Bad_NoCommunication     | Modbus exception 0x0A: gateway path unavailable",
      "11 | Bad_NoCommunication     | Modbus exception 0x0B: gateway target device failed to respond",
      "99 | Bad_UnexpectedError     | Modbus exception 0x63: unknown exception code",
  })
  void exceptionResponsesAreBadWithTheExceptionNamed(int code, String status, String reason)
      throws Exception {
    server.answerEveryRequestWith(code);
    var reader = reader(List.of(ModbusTag.parse("t", "ir:5", "uint16", "ABCD")), ReadLimits.DEFAULT);

    TagRead read = poll(reader).get(0);

    assertEquals(status, read.status().statusName());
    assertEquals(reason + " (read input registers 5..5 (unit 1))", read.reason());
  }

  @Test
  void aSilentUnitIsBadTimeoutWhileTheOtherUnitsTagsStayGood() throws Exception {
    var reader = reader(List.of(
        ModbusTag.parse("answers", "hr:0", "int16", "ABCD"),
        ModbusTag.parse("silent", "hr:0", "int16", "ABCD").withUnitId(LibraryServer.SILENT_UNIT)),
        ReadLimits.DEFAULT);

    List<TagRead> reads = poll(reader);

    assertEquals(ModbusStatus.GOOD, reads.get(0).status());
    assertEquals(ModbusStatus.BAD_TIMEOUT, reads.get(1).status());
    assertEquals("no answer within 300 ms to read holding registers 0..0 (unit 99): check the unit"
        + " id, and that the device is powered and wired", reads.get(1).reason());
    assertTrue(client.isConnected(), "a timeout is not link loss");
  }

  @Test
  void aDeviceThatClosesTheSocketGoesBadWithLinkLossAndRecoversByItself() throws Exception {
    KnownMap.seed(server);
    var reader = reader(List.of(ModbusTag.parse("pv", "hr:96", "float32", "ABCD")),
        ReadLimits.DEFAULT);
    var polls = new LinkedBlockingDeque<TagRead>();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      reader.start(scheduler, reads -> polls.add(reads.get(0)));
      await().atMost(5, SECONDS).until(() -> last(polls).status().isGood());

      int port = server.port();
      server.close();
      await().atMost(5, SECONDS).until(() -> last(polls).status() == ModbusStatus.BAD_NO_COMMUNICATION);
      assertTrue(last(polls).reason().startsWith("link lost: "), last(polls).reason());

      server = LibraryServer.start(port);
      KnownMap.seed(server);
      await().atMost(15, SECONDS).until(() -> last(polls).status().isGood());
      assertEquals(123.456f, last(polls).value());
    } finally {
      reader.close();
      scheduler.shutdownNow();
    }
  }

  @Test
  void readsOfAGroupDoNotOverlapWhenTheDeviceIsSlowerThanTheRate() throws Exception {
    var reader = new PollingReader(client, new ReadGroup("fast", Duration.ofMillis(10), List.of(
        ModbusTag.parse("silent", "hr:0", "int16", "ABCD").withUnitId(LibraryServer.SILENT_UNIT))),
        ReadLimits.DEFAULT, 1);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    var polls = new LinkedBlockingDeque<List<TagRead>>();
    try {
      reader.start(scheduler, polls::add);
      TagRead first = polls.poll(5, SECONDS).get(0);

      assertEquals(ModbusStatus.BAD_TIMEOUT, first.status());
      assertTrue(reader.skippedTicks() >= 10, "ticks during a 300 ms timeout at 10 ms are skipped");
    } finally {
      reader.close();
      scheduler.shutdownNow();
    }
  }

  private PollingReader reader(List<ModbusTag> tags, ReadLimits limits) {
    return new PollingReader(client, new ReadGroup("g", Duration.ofSeconds(1), tags), limits, 1);
  }

  static List<TagRead> poll(PollingReader reader) throws Exception {
    return reader.poll().toCompletableFuture().get(10, SECONDS);
  }

  private static TagRead last(LinkedBlockingDeque<TagRead> polls) {
    TagRead r = polls.peekLast();
    return r != null ? r : new TagRead("none", null, ModbusStatus.BAD_UNEXPECTED_ERROR, "no poll");
  }
}
