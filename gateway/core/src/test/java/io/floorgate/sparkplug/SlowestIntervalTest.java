package io.floorgate.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.config.ConfigLoader;
import io.floorgate.config.ConnectionConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How long a PLC may take to report every tag once, which a DBIRTH waits twice over. */
class SlowestIntervalTest {

  static ConnectionConfig connection(String groups) throws Exception {
    return ConfigLoader.parse("""
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883 }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:4841/rhk01
            area: calcination
            groups:
        %s""".formatted(groups), "slowest.yaml", Map.of()).connections().get(0);
  }

  @Test
  void theLongestOfEveryGroupsSamplingPublishingOrPollInterval() throws Exception {
    ConnectionConfig plc = connection("""
              - { name: fast, samplingInterval: 100ms, publishingInterval: 200ms, tags: [ { path: a/x, node: ns=2;s=X } ] }
              - { name: slow, samplingInterval: 4s, publishingInterval: 1s, tags: [ { path: a/y, node: ns=2;s=Y } ] }
              - { name: polled, mode: polling, pollInterval: 3s, tags: [ { path: a/z, node: ns=2;s=Z } ] }
        """);

    assertEquals(Duration.ofSeconds(4), MetricModel.slowestInterval(plc));
  }

  @Test
  void aPolledGroupCountsWithItsPollInterval() throws Exception {
    ConnectionConfig plc = connection("""
              - { name: polled, mode: polling, pollInterval: 7s, tags: [ { path: a/z, node: ns=2;s=Z } ] }
              - { name: defaults, tags: [ { path: a/x, node: ns=2;s=X } ] }
        """);

    assertEquals(Duration.ofSeconds(7), MetricModel.slowestInterval(plc));
  }
}
