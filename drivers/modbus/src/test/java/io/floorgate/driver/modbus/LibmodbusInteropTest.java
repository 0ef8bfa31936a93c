package io.floorgate.driver.modbus;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import java.time.Duration;
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

/** The reader against libmodbus: the codec and the planner checked by code nobody here wrote. */
@Timeout(60)
class LibmodbusInteropTest {

  private LibmodbusServer server;
  private ModbusTcpClient client;

  @BeforeEach
  void start() throws Exception {
    server = LibmodbusServer.start();
    client = TestClients.connect(server.port(), Duration.ofMillis(500));
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) { // null when the start was skipped for a missing cc or libmodbus
      client.disconnect();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyTypeAndOrderReadsAsLibmodbusLaidItOut() throws Exception {
    var reader = new PollingReader(client, new ReadGroup("all", Duration.ofSeconds(1),
        KnownMap.tags()), ReadLimits.DEFAULT, 1);

    Map<String, Object> values = new LinkedHashMap<>();
    for (TagRead r : PollingReaderTest.poll(reader)) {
      assertEquals(ModbusStatus.GOOD, r.status(), r.key() + ": " + r.reason());
      values.put(r.key(), r.value());
    }
    assertEquals(KnownMap.expected(), values);
    assertEquals(5, reader.plan().size(), "hr:0..144 in 125 + 20, then ir, coils, inputs");
  }

  @Test
  void anUnmappedAddressIsBadOutOfRangeWithLibmodbusExceptionTwo() throws Exception {
    var reader = new PollingReader(client, new ReadGroup("g", Duration.ofSeconds(1), List.of(
        ModbusTag.parse("beyond", "hr:145", "int16", "ABCD"))), ReadLimits.DEFAULT, 1);

    TagRead read = PollingReaderTest.poll(reader).get(0);

    assertEquals("Bad_OutOfRange", read.status().statusName());
    assertEquals("Modbus exception 2: illegal data address (read holding registers 145..145"
        + " (unit 1))", read.reason());
  }

  @Test
  void readsGoBadWithLinkLossWhenTheServerIsKilledAndRecoverWhenItIsBack() throws Exception {
    var reader = new PollingReader(client, new ReadGroup("g", Duration.ofMillis(100), List.of(
        ModbusTag.parse("pv", "hr:100", "float32", "CDAB"))), ReadLimits.DEFAULT, 1);
    var polls = new LinkedBlockingDeque<TagRead>();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      reader.start(scheduler, reads -> polls.add(reads.get(0)));
      await().atMost(5, SECONDS).until(() -> isGood(polls.peekLast()));

      int port = server.port();
      server.close(); // killed mid-run
      await().atMost(5, SECONDS).until(() -> polls.peekLast().status()
          == ModbusStatus.BAD_NO_COMMUNICATION);
      assertTrue(polls.peekLast().reason().startsWith("link lost: "), polls.peekLast().reason());

      server = LibmodbusServer.start(port);
      await().atMost(20, SECONDS).until(() -> isGood(polls.peekLast()));
      assertEquals(123.456f, polls.peekLast().value());
    } finally {
      reader.close();
      scheduler.shutdownNow();
    }
  }

  private static boolean isGood(TagRead r) {
    return r != null && r.status().isGood();
  }
}
