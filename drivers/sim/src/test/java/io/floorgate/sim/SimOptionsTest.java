package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimOptionsTest {

  @Test
  void defaultsListenOnLoopbackFrom4841WithSeed42AndNoLoad() {
    assertEquals(new SimOptions("127.0.0.1", 4841, 42L, 0, 1.0), SimOptions.defaults());
  }

  @Test
  void mixersTakeTheTwoPortsAfterTheKiln() {
    SimOptions options = SimOptions.defaults();
    assertEquals(4841, options.portFor(0));
    assertEquals(4842, options.portFor(1));
    assertEquals(4843, options.portFor(2));
    assertEquals(0, new SimOptions("127.0.0.1", 0, 1L, 0, 1.0).portFor(2));
  }

  @ParameterizedTest(name = "host={0} port={1} scale={2} rate={3}")
  @CsvSource({
    "' ', 4841, 0, 1.0",
    "127.0.0.1, -1, 0, 1.0",
    "127.0.0.1, 65534, 0, 1.0",
    "127.0.0.1, 4841, -1, 1.0",
    "127.0.0.1, 4841, 100001, 1.0",
    "127.0.0.1, 4841, 10, 0.0",
    "127.0.0.1, 4841, 10, -2.0",
    "127.0.0.1, 4841, 10, 101.0",
    "127.0.0.1, 4841, 10, NaN",
  })
  void outOfRangeOptionsAreRefused(String host, int port, int scale, double rate) {
    assertThrows(IllegalArgumentException.class, () -> new SimOptions(host, port, 1L, scale, rate));
  }
}
