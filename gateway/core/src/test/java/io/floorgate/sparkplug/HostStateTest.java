package io.floorgate.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.sparkplug.HostState.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostStateTest {

  static byte[] state(boolean online, long timestamp) {
    return ("{\"online\":" + online + ",\"timestamp\":" + timestamp + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anOlderTimestampIsStaleAndChangesNothing() {
    HostState host = new HostState();

    assertEquals(Verdict.ONLINE, host.receive("a", state(true, 2_000)));
    assertEquals(Verdict.STALE, host.receive("a", state(false, 1_999)));
    assertTrue(host.isOnline("a"));
    assertEquals(Verdict.OFFLINE, host.receive("a", state(false, 2_000)));
    assertFalse(host.isOnline("a"));
  }

  @Test
  void eachBrokerHasItsOwnTimeline() {
    HostState host = new HostState();
    host.receive("a", state(true, 5_000));

    assertEquals(Verdict.ONLINE, host.receive("b", state(true, 1_000)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ONLINE", "{\"online\":\"true\",\"timestamp\":1}",
      "{\"online\":true}", "{\"online\":true,\"timestamp\":1.5}",
      "{\"online\":true,\"timestamp\":\"1\"}"})
  void anythingButTheJsonOfSparkplug3IsInvalid(String payload) {
    assertEquals(Verdict.INVALID,
        new HostState().receive("a", payload.getBytes(StandardCharsets.UTF_8)));
  }
}
