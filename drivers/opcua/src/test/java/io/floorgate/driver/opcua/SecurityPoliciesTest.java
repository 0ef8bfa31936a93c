package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.Specs.HEARTBEAT;
import static io.floorgate.driver.opcua.Specs.connection;
import static io.floorgate.driver.opcua.Specs.subscription;
import static io.floorgate.driver.opcua.Specs.tag;
import static org.awaitility.Awaitility.await;

import io.floorgate.driver.Secret;
import io.floorgate.driver.SecurityMode;
import io.floorgate.driver.SecurityPolicy;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.UserIdentity;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimSecurity;
import io.floorgate.sim.SimulatedPlant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every signed policy, in both modes, against the secured simulator. */
@Timeout(120)
class SecurityPoliciesTest {

  static SimulatedPlant plant;
  @TempDir static Path pki;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42, 0, 1.0)
        .withSecurity(SimSecurity.secured("operator", "pw")));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @ParameterizedTest
  @EnumSource(value = SecurityPolicy.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void signedAndEncryptedSessionDeliversValues(SecurityPolicy policy) {
    for (SecurityMode mode : List.of(SecurityMode.SIGN, SecurityMode.SIGN_AND_ENCRYPT)) {
      var spec = connection(plant.plc("MX01").endpointUrl(),
          subscription(List.of(tag("heartbeat", "ns=2;s=MX01.Heartbeat"))))
          .withSecurity(new SecuritySpec(policy, mode,
              new UserIdentity.UserName("operator", Secret.of("pw")), pki, true));
      var sink = new CollectingSink();
      try (var driver = new OpcUaDriver(spec)) {
        driver.start(sink);
        await("values over " + policy + "/" + mode).atMost(Duration.ofSeconds(30))
            .until(() -> sink.samplesFor("heartbeat").stream().anyMatch(s -> s.status().isGood()));
      }
    }
  }
}
