package io.floorgate.driver.modbus;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.LinkState;
import io.floorgate.driver.Sample;
import io.floorgate.driver.SourceType;
import io.floorgate.driver.SampleSink;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.Status;
import io.floorgate.driver.TagGroupSpec;
import io.floorgate.driver.TagSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The driver as the gateway uses it, against the library's server: the plug-in's settings and
 * tag text, values in the SPI's types, link loss reported and every tag BAD after
 * {@code badAfterLinkLoss}, recovery by itself, and writes.
 */
@Timeout(60)
class ModbusDriverTest {

  static final Duration BAD_AFTER = Duration.ofMillis(800);

  LibraryServer server;
  ModbusDriver driver;
  final Map<String, Sample> latest = new ConcurrentHashMap<>();
  final List<LinkState> states = new CopyOnWriteArrayList<>();

  final SampleSink sink = new SampleSink() {
    @Override
    public void accept(Sample sample) {
      latest.put(sample.tag(), sample);
    }

    @Override
    public void linkChanged(String connection, LinkState state, String detail) {
      states.add(state);
    }
  };

  @AfterEach
  void stop() throws Exception {
    if (driver != null) {
      driver.close();
    }
    if (server != null) {
      server.close();
    }
  }

  ModbusDriver driver(int port, List<ModbusTag> tags) {
    List<TagSpec> specs = tags.stream().map(t -> new TagSpec(t.key(), TagText.of(t))).toList();
    TagGroupSpec group = new TagGroupSpec("all", AcquisitionMode.POLLING, Duration.ofMillis(100),
        Duration.ofMillis(100), 1, null, Duration.ofMillis(100), specs);
    ConnectionSpec spec = new ConnectionSpec("meter", "modbus+tcp://127.0.0.1:" + port,
        Duration.ofMillis(100), Duration.ofMillis(400), List.of(group), SecuritySpec.none(),
        BAD_AFTER, 0, 0, new ModbusSettings(1, ReadLimits.DEFAULT, Duration.ofMillis(300),
            false));
    return new ModbusDriver(spec);
  }

  @Test
  void everyTypeArrivesGoodInTheTypesTheGatewayTakes() throws Exception {
    server = LibraryServer.start();
    KnownMap.seed(server);
    driver = driver(server.port(), KnownMap.tags());

    driver.start(sink);

    await().atMost(10, SECONDS).until(() -> latest.size() == KnownMap.expected().size());
    assertEquals(LinkState.CONNECTED, driver.state());
    KnownMap.expected().forEach((key, value) -> {
      Sample s = latest.get(key);
      assertEquals(Status.GOOD, s.status(), key);
      assertEquals(ModbusDriver.widen(value), s.value(), key);
    });
    assertEquals(123.456f, ((Double) latest.get("float32/CDAB").value()).floatValue());
    assertTrue(latest.get("int16/ABCD").value() instanceof Long);
    // The register type, not the widened Java form, is what typed outputs announce.
    assertEquals(SourceType.FLOAT, latest.get("float32/CDAB").sourceType());
    assertEquals(SourceType.INT16, latest.get("int16/ABCD").sourceType());
  }

  @Test
  void aLostDeviceMakesEveryTagBadAfterTheDelayAndComesBackByItself() throws Exception {
    server = LibraryServer.start();
    int port = server.port();
    KnownMap.seed(server);
    ModbusTag pv = ModbusTag.parse("pv", "hr:96", "float32", "ABCD");
    driver = driver(port, List.of(pv));
    driver.start(sink);
    await().atMost(10, SECONDS).until(() -> latest.containsKey("pv")
        && latest.get("pv").status().equals(Status.GOOD));

    server.close();

    await().atMost(10, SECONDS).until(() -> driver.state() == LinkState.DISCONNECTED);
    await().atMost(10, SECONDS).until(() -> !latest.get("pv").status().equals(Status.GOOD));
    Sample bad = latest.get("pv");
    assertEquals("Bad_NoCommunication", bad.status().name());
    assertNull(bad.value());
    assertTrue(bad.reason().contains("lost"), bad.reason());
    assertEquals(SourceType.FLOAT, bad.sourceType());

    server = LibraryServer.start(port);
    KnownMap.seed(server);
    await().atMost(15, SECONDS).until(() -> latest.get("pv").status().equals(Status.GOOD));
    assertEquals(LinkState.CONNECTED, driver.state());
    assertTrue(states.indexOf(LinkState.DISCONNECTED) < states.lastIndexOf(LinkState.CONNECTED));
  }

  @Test
  void anExceptionResponseIsBadWithTheExceptionNamed() throws Exception {
    server = LibraryServer.start();
    KnownMap.seed(server);
    server.mapHoldingRegistersUpTo(KnownMap.LAST_HOLDING_REGISTER);
    driver = driver(server.port(), List.of(ModbusTag.parse("beyond", "hr:200", "uint16",
        "ABCD")));

    driver.start(sink);

    await().atMost(10, SECONDS).until(() -> latest.containsKey("beyond"));
    Sample s = latest.get("beyond");
    assertEquals("Bad_OutOfRange", s.status().name());
    assertTrue(s.reason().contains("Modbus exception 2: illegal data address"), s.reason());
    assertEquals(LinkState.CONNECTED, driver.state(), "an exception is not a lost link");
  }

  @Test
  void aValueWrittenThroughTheDriverIsReadBack() throws Exception {
    server = LibraryServer.start();
    KnownMap.seed(server);
    ModbusTag setpoint = ModbusTag.parse("setpoint", "hr:96", "float32", "CDAB");
    driver = driver(server.port(), List.of(setpoint));
    driver.start(sink);
    await().atMost(10, SECONDS).until(() -> driver.state() == LinkState.CONNECTED);

    Status written = driver.write("setpoint", 742.5f).get(5, SECONDS);

    assertEquals(Status.GOOD, written);
    await().atMost(10, SECONDS).until(() -> Double.valueOf(742.5).equals(
        latest.get("setpoint").value()));
  }

  @Test
  void anUnreachableDeviceIsReportedOnceAndConnectsWhenItAppears() throws Exception {
    server = LibraryServer.start();
    int port = server.port();
    server.close();
    server = null;
    driver = driver(port, List.of(ModbusTag.parse("pv", "hr:0", "uint16", "ABCD")));

    driver.start(sink);
    await().atMost(10, SECONDS).until(() -> states.size() >= 2);
    server = LibraryServer.start(port);
    KnownMap.seed(server);

    await().atMost(15, SECONDS).until(() -> driver.state() == LinkState.CONNECTED);
    assertEquals(List.of(LinkState.CONNECTING, LinkState.CONNECTING, LinkState.CONNECTED),
        states, "the start, one report for the refusal however many retries, then connected");
  }
}
