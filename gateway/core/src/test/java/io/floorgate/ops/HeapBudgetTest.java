package io.floorgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The heap a configuration is given by the launcher, and the warning when a JVM has less. */
class HeapBudgetTest {

  static final long MB = 1024 * 1024;

  static GatewayConfig config(boolean sparkplug) throws Exception {
    return ConfigLoader.parse("""
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883 }
        sparkplug: { enabled: %s, groupId: isohara, edgeNodeId: gw1 }
        connections:
          - name: kiln
            endpoint: opc.tcp://127.0.0.1:4841/kiln
            area: calcination
            groups:
              - { name: fast, tags: [ { path: k/t1, node: ns=2;s=T1 }, { path: k/t2, node: ns=2;s=T2 } ] }
              - { name: slow, tags: [ { path: k/t3, node: ns=2;s=T3 } ] }
          - name: mixer
            endpoint: opc.tcp://127.0.0.1:4842/mixer
            area: mixing
            groups: [ { name: all, tags: [ { path: m/speed, node: ns=2;s=S } ] } ]
        """.formatted(sparkplug), "heap-test.yaml", Map.of());
  }

  @Test
  void aSmallPlantGetsTheLaunchersEightyMegabytes() throws Exception {
    HeapBudget budget = HeapBudget.of(config(false));

    assertEquals(4, budget.tags(), "tags of every connection and group");
    assertEquals("80m", budget.launcherValue());
    // Runtime.maxMemory() of -Xmx80m -Xmn8m (serial) leaves out one survivor space.
    assertTrue(budget.shortfall(79 * MB).isEmpty());
    assertTrue(HeapBudget.of(config(true)).sparkplug());
  }

  @Test
  void aHundredThousandTagsGetWhatTheMeasurementsCarried() {
    // docs/explanation/performance-and-memory.md: 256m carried the UNS form, 320m Sparkplug;
    // 200m ran out of heap while subscribing.
    long uns = HeapBudget.of(100_000, false).bytes();
    long sparkplug = HeapBudget.of(100_000, true).bytes();

    assertTrue(uns >= 256 * MB && uns <= 320 * MB, uns / MB + " MB for the UNS form");
    assertTrue(sparkplug >= 320 * MB && sparkplug <= 400 * MB, sparkplug / MB + " MB with Sparkplug");
    assertEquals(0, uns % (16 * MB), "whole 16 MB steps");
    assertEquals(uns / MB + "m", HeapBudget.of(100_000, false).launcherValue());
  }

  @Test
  void moreTagsNeverGetLess() {
    long previous = 0;
    for (long tags = 0; tags <= 200_000; tags += 5_000) {
      long bytes = HeapBudget.of(tags, false).bytes();
      assertTrue(bytes >= previous, tags + " tags: " + bytes);
      assertTrue(HeapBudget.of(tags, true).bytes() >= bytes, tags + " tags with Sparkplug");
      previous = bytes;
    }
  }

  @Test
  void aHeapClearlyTooSmallIsToldWithTheFigureToSet() {
    HeapBudget budget = HeapBudget.of(100_000, true);

    String warning = budget.shortfall(79 * MB).orElseThrow();

    assertTrue(warning.contains("100,000 tags with the Sparkplug node"), warning);
    assertTrue(warning.contains("about " + budget.bytes() / MB + " MB"), warning);
    assertTrue(warning.contains("this JVM may use 79 MB"), warning);
    assertTrue(warning.contains("FLOORGATE_HEAP_MAX=" + budget.launcherValue()), warning);
    assertTrue(budget.shortfall(budget.bytes()).isEmpty(), "the budget itself suffices");
    assertTrue(budget.shortfall(budget.bytes() * 95 / 100).isEmpty(), "within 10 %: no warning");
  }
}
