package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.Specs.HEARTBEAT;
import static io.floorgate.driver.opcua.Specs.connection;
import static io.floorgate.driver.opcua.Specs.subscription;
import static io.floorgate.driver.opcua.Specs.tag;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.LinkState;
import io.floorgate.driver.Secret;
import io.floorgate.driver.SecurityMode;
import io.floorgate.driver.SecurityPolicy;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.UserIdentity;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimSecurity;
import io.floorgate.sim.SimulatedPlant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Signed and encrypted sessions with a user name against the secured simulator. */
@Timeout(120)
class SecureConnectionTest {

  static final String USER = "operator";
  static final String PASSWORD = "kiln-secret-7";

  static SimulatedPlant plant;

  @TempDir Path pki;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42, 0, 1.0)
        .withSecurity(SimSecurity.secured(USER, PASSWORD)));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  private ConnectionSpec secured(String password, boolean trustOnFirstUse) {
    return connection(plant.plc("RHK01").endpointUrl(),
        subscription(List.of(tag("heartbeat", HEARTBEAT))))
        .withSecurity(new SecuritySpec(SecurityPolicy.BASIC256_SHA256, SecurityMode.SIGN_AND_ENCRYPT,
            new UserIdentity.UserName(USER, Secret.of(password)), pki, trustOnFirstUse));
  }

  @Test
  void untrustedPlcCertificateIsRefusedUntilTrustedByFingerprint() throws Exception {
    var sink = new CollectingSink();
    try (var logs = new LogCapture(OpcUaDriver.class);
        var driver = new OpcUaDriver(secured(PASSWORD, false))) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(30)).until(() -> logs.messages(Level.ERROR).stream()
          .anyMatch(m -> m.contains("the PLC's certificate is not trusted")));
      String message = logs.messages(Level.ERROR).get(0);
      String thumb = plant.plc("RHK01").certificateSha1();
      assertTrue(message.contains("floorgate trust --pki " + pki + " " + thumb.substring(0, 16)),
          message);
      assertEquals(LinkState.DISCONNECTED, driver.state());
      assertTrue(sink.samples().stream().noneMatch(s -> s.status().isGood()));

      var store = new TrustStore(pki);
      assertEquals(List.of(thumb), store.rejected().stream().map(TrustStore.Entry::sha1).toList());
      store.trust(thumb.substring(0, 12));

      await().atMost(Duration.ofSeconds(30))
          .until(() -> sink.samplesFor("heartbeat").stream().anyMatch(s -> s.status().isGood()));
      assertEquals(LinkState.CONNECTED, driver.state());
      assertEquals(List.of(), store.rejected());
    }
  }

  @Test
  void plcThatDoesNotTrustTheGatewaySaysWhichFileToTrustThere() throws Exception {
    var strict = new SimOptions("127.0.0.1", 0, 42, 0, 1.0)
        .withSecurity(SimSecurity.secured(USER, PASSWORD).withPki(null, false));
    try (var strictPlant = SimulatedPlant.start(strict);
        var logs = new LogCapture(OpcUaDriver.class)) {
      var spec = connection(strictPlant.plc("MX01").endpointUrl(),
          subscription(List.of(tag("heartbeat", "ns=2;s=MX01.Heartbeat"))))
          .withSecurity(new SecuritySpec(SecurityPolicy.BASIC256_SHA256,
              SecurityMode.SIGN_AND_ENCRYPT, new UserIdentity.UserName(USER, Secret.of(PASSWORD)),
              pki, true));
      var sink = new CollectingSink();
      try (var driver = new OpcUaDriver(spec)) {
        driver.start(sink);
        await().atMost(Duration.ofSeconds(30)).until(() -> logs.messages(Level.ERROR).stream()
            .anyMatch(m -> m.contains("the PLC refused the gateway's certificate")));
        String message = logs.messages(Level.ERROR).stream()
            .filter(m -> m.contains("refused the gateway's")).findFirst().orElseThrow();
        Path own = pki.resolve("own").resolve("floorgate.der");
        assertTrue(message.contains("add " + own), message);

        // What the PLC's operator does with that file:
        strictPlant.plc("MX01").trustClient(Files.readAllBytes(own));
        await().atMost(Duration.ofSeconds(30))
            .until(() -> sink.samplesFor("heartbeat").stream().anyMatch(s -> s.status().isGood()));
      }
    }
  }

  @Test
  void wrongPasswordIsRefusedNamingTheSettingToCheck() {
    var sink = new CollectingSink();
    try (var logs = new LogCapture(OpcUaDriver.class);
        var driver = new OpcUaDriver(secured("not-the-password", true))) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(30)).until(() -> logs.messages(Level.ERROR).stream()
          .anyMatch(m -> m.contains("refused user 'operator'")));
      String message = logs.messages(Level.ERROR).stream()
          .filter(m -> m.contains("refused user")).findFirst().orElseThrow();
      assertTrue(message.contains("Bad_UserAccessDenied"), message);
      assertTrue(message.contains("security.username and the password"), message);
      assertTrue(!message.contains("not-the-password"), "the password must never be logged");
      assertEquals(LinkState.DISCONNECTED, driver.state());
    }
  }

  @Test
  void refusedUserIsRetriedAfterTheAuthenticationWaitNotTheBackoff() {
    // The policy: minutes between attempts. Scaled down here, with a backoff of 100–500 ms that
    // would otherwise try several times a second.
    assertTrue(DriverOptions.defaults().authRetry().compareTo(Duration.ofMinutes(5)) >= 0);
    Duration authRetry = Duration.ofSeconds(2);
    var sink = new CollectingSink();
    try (var plc = new LogCapture("io.floorgate.sim.PlcSecurity", null);
        var logs = new LogCapture(OpcUaDriver.class);
        var driver = new OpcUaDriver(secured("not-the-password", true),
            DriverOptions.defaults().withAuthRetry(authRetry))) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> plc.times(Level.WARN, "refused user").size() >= 3);
      List<Long> attempts = plc.times(Level.WARN, "refused user");
      for (int i = 1; i < attempts.size(); i++) {
        long gap = attempts.get(i) - attempts.get(i - 1);
        assertTrue(gap >= authRetry.toMillis() * 8 / 10, "attempts " + gap + " ms apart");
      }
      List<String> lines = logs.messages(Level.ERROR);
      assertEquals(1, lines.size(), "one line for one cause: " + lines);
      assertTrue(lines.get(0).contains("next attempt in 2 s to avoid locking the account"),
          lines.get(0));
    }
  }

  @Test
  void gatewayCertificateIsCreatedOnceAndKeptOnDisk() throws Exception {
    try (var driver = new OpcUaDriver(secured(PASSWORD, true))) {
      var sink = new CollectingSink();
      driver.start(sink);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> sink.samplesFor("heartbeat").stream().anyMatch(s -> s.status().isGood()));
    }
    Path own = pki.resolve("own").resolve("floorgate.der");
    byte[] first = Files.readAllBytes(own);
    assertTrue(Files.exists(pki.resolve("own").resolve("floorgate.p12")));
    // What a restart of the gateway does: the PKI is read again from disk, not regenerated.
    Pki reread = Pki.reopenForTest(pki);
    assertEquals(Pki.sha1(reread.certificate()), java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-1").digest(first)));
    assertTrue(reread.applicationUri().startsWith("urn:"), reread.applicationUri());
  }
}
