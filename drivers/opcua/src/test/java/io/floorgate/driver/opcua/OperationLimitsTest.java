package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.Specs.connection;
import static io.floorgate.driver.opcua.Specs.polling;
import static io.floorgate.driver.opcua.Specs.subscription;
import static io.floorgate.driver.opcua.Specs.tag;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.floorgate.driver.Sample;
import io.floorgate.driver.TagGroupSpec;
import io.floorgate.driver.TagSpec;
import io.floorgate.sim.SimLimits;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A small PLC: ten nodes per Read and ten monitored items per call, 150 variables. */
@Timeout(120)
class OperationLimitsTest {

  static final int LIMIT = 10;
  static final int SUBSCRIBED = 100;
  static final int POLLED = 50;

  @ParameterizedTest(name = "limits published: {0}")
  @ValueSource(booleans = {true, false})
  void everyTagArrivesFromAPlcWithLowLimits(boolean published) {
    var options = new SimOptions("127.0.0.1", 0, 42, SUBSCRIBED + POLLED, 5.0)
        .withLimits(new SimLimits(LIMIT, LIMIT, published));
    try (var plant = SimulatedPlant.start(options);
        var logs = new LogCapture(SubscriptionGroup.class)) {
      List<TagSpec> subscribed = load(0, SUBSCRIBED);
      List<TagSpec> polled = load(SUBSCRIBED, SUBSCRIBED + POLLED);
      TagGroupSpec polling = polling(Duration.ofMillis(500), polled);
      var spec = connection(plant.plc("RHK01").endpointUrl(), subscription(subscribed), polling);
      var sink = new CollectingSink();
      try (var driver = new OpcUaDriver(spec)) {
        driver.start(sink);
        Set<String> all = new java.util.HashSet<>();
        subscribed.forEach(t -> all.add(t.key()));
        polled.forEach(t -> all.add(t.key()));
        await().atMost(Duration.ofSeconds(60)).until(() -> good(sink).containsAll(all));
        assertTrue(sink.samples().stream().noneMatch(s -> s.status().isBad()),
            () -> "no tag may be reported BAD: " + sink.samples().stream()
                .filter(s -> s.status().isBad()).findFirst().orElseThrow());
      }
      boolean split = logs.messages(Level.INFO).stream().anyMatch(m -> m.contains("at a time"));
      // Published limits are followed from the start; unpublished ones are found by splitting.
      assertTrue(split != published, "splitting logged: " + split);
    }
  }

  private static List<TagSpec> load(int from, int to) {
    List<TagSpec> tags = new ArrayList<>();
    for (int i = from; i < to; i++) {
      tags.add(tag(String.format("v%05d", i), String.format("ns=2;s=RHK01.Load.V%05d", i)));
    }
    return tags;
  }

  private static Set<String> good(CollectingSink sink) {
    return sink.samples().stream().filter(s -> s.status().isGood()).map(Sample::tag)
        .collect(Collectors.toSet());
  }
}
