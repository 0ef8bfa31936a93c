package io.floorgate.cli;

import static io.floorgate.cli.CheckCommandTest.execute;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.LinkState;
import io.floorgate.driver.Sample;
import io.floorgate.driver.SampleSink;
import io.floorgate.driver.Secret;
import io.floorgate.driver.SecurityMode;
import io.floorgate.driver.SecurityPolicy;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.TagGroupSpec;
import io.floorgate.driver.TagSpec;
import io.floorgate.driver.UserIdentity;
import io.floorgate.driver.opcua.OpcUaDriver;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimSecurity;
import io.floorgate.sim.SimulatedPlant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code floorgate trust} as the operator uses it after the gateway refused a PLC. */
@Timeout(90)
class TrustCommandTest {

  @TempDir Path pki;

  @Test
  void listsTheRefusedPlcCertificateAndTrustsItByFingerprint() {
    var options = new SimOptions("127.0.0.1", 0, 1, 0, 1.0)
        .withSecurity(SimSecurity.secured("operator", "pw"));
    try (var plant = SimulatedPlant.start(options)) {
      String thumb = plant.plc("MX02").certificateSha1();
      var spec = new ConnectionSpec("mx02", plant.plc("MX02").endpointUrl(), Duration.ofMillis(200),
          Duration.ofMillis(500), List.of(new TagGroupSpec("g", AcquisitionMode.SUBSCRIPTION,
              Duration.ofMillis(100), Duration.ofMillis(100), 1, null, Duration.ofSeconds(1),
              List.of(new TagSpec("heartbeat", "ns=2;s=MX02.Heartbeat")))))
          .withSecurity(new SecuritySpec(SecurityPolicy.BASIC256_SHA256,
              SecurityMode.SIGN_AND_ENCRYPT, new UserIdentity.UserName("operator", Secret.of("pw")),
              pki, false));
      AtomicBoolean good = new AtomicBoolean();
      try (var driver = new OpcUaDriver(spec)) {
        driver.start(new SampleSink() {
          @Override
          public void accept(Sample sample) {
            if (sample.status().isGood()) {
              good.set(true);
            }
          }

          @Override
          public void linkChanged(String connection, LinkState state, String detail) {}
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.list(pki.resolve("rejected"))
            .findAny().isPresent());

        var listed = execute("trust", "--pki", pki.toString());
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.out().contains("SHA-1 " + thumb), listed.out());
        assertTrue(listed.out().contains("Floorgate simulated PLC MX02"), listed.out());

        var tooShort = execute("trust", "--pki", pki.toString(), thumb.substring(0, 4));
        assertEquals(1, tooShort.exitCode());
        assertTrue(tooShort.err().contains("at least 8 hex digits"), tooShort.err());

        var trusted = execute("trust", "--pki", pki.toString(), thumb.substring(0, 10));
        assertEquals(0, trusted.exitCode(), trusted.err());
        assertTrue(Files.exists(pki.resolve("trusted").resolve("certs").resolve(thumb + ".der")));

        await().atMost(Duration.ofSeconds(30)).untilTrue(good);
      }
    }
  }
}
