package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.Secret;
import io.floorgate.driver.SecurityMode;
import io.floorgate.driver.SecurityPolicy;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.UserIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection's security section, link-loss time and operation-limit caps. */
class SecurityConfigTest {

  @TempDir Path dir;

  static String config(String connectionExtra) {
    return """
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883 }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:4841/rhk01
            area: calcination
        %s
            groups:
              - name: zones
                tags:
                  - { path: rhk01/heartbeat, node: 'ns=2;s=RHK01.Heartbeat' }
        """.formatted(connectionExtra.indent(4).stripTrailing());
  }

  static ConnectionConfig load(String extra, Map<String, String> env) throws ConfigException {
    return ConfigLoader.parse(config(extra), "test.yaml", env).connections().get(0);
  }

  @Test
  void securedConnectionTakesItsPasswordFromTheEnvironment() throws Exception {
    ConnectionConfig c = load("""
        security:
          policy: Basic256Sha256
          mode: SignAndEncrypt
          username: operator
          password: ${PLC_PASSWORD}
          pki: /var/lib/floorgate/pki
        badAfterLinkLoss: 2s
        operationLimits: { maxNodesPerRead: 50, maxMonitoredItemsPerCall: 100 }
        """, Map.of("PLC_PASSWORD", "s3cret-kiln"));

    assertEquals(new SecuritySpec(SecurityPolicy.BASIC256_SHA256, SecurityMode.SIGN_AND_ENCRYPT,
        new UserIdentity.UserName("operator", Secret.of("s3cret-kiln")),
        Path.of("/var/lib/floorgate/pki"), false), c.security());
    assertEquals(Duration.ofSeconds(2), c.badAfterLinkLoss());
    assertEquals(50, c.maxNodesPerRead());
    assertEquals(100, c.maxMonitoredItemsPerCall());
    assertFalse(c.toString().contains("s3cret-kiln"), "a password must never be printed");
  }

  @Test
  void passwordFileIsReadWithoutItsTrailingNewline() throws Exception {
    Path file = Files.writeString(dir.resolve("plc-password"), "from-a-file\n");
    ConnectionConfig c = load("""
        security:
          policy: Aes256_Sha256_RsaPss
          mode: Sign
          username: operator
          passwordFile: %s
        """.formatted(file), Map.of());

    assertEquals(new UserIdentity.UserName("operator", Secret.of("from-a-file")),
        c.security().identity());
    assertEquals(SecurityMode.SIGN, c.security().mode());
  }

  @Test
  void noSecuritySectionMeansNoneAndAnonymous() throws Exception {
    ConnectionConfig c = load("", Map.of());

    assertEquals(SecuritySpec.none(), c.security());
    assertEquals(Duration.ofSeconds(5), c.badAfterLinkLoss());
  }

  @Test
  void signingPolicyWithModeNoneIsAnErrorOnItsLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        security:
          policy: Basic256Sha256
          mode: None
        """, Map.of()));

    ConfigError error = e.errors().get(0);
    assertEquals("connections.rhk01.security.mode", error.path(), e::report);
    assertEquals(9, error.line(), e::report);
    assertTrue(error.message().contains("use Sign or SignAndEncrypt"), e::report);
  }

  @Test
  void userWithoutPasswordSaysHowToGiveOneWithoutWritingItDown() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        security:
          policy: Basic256Sha256
          username: operator
        """, Map.of()));

    assertEquals("connections.rhk01.security.password", e.errors().get(0).path(), e::report);
    assertTrue(e.report().contains("password: ${FLOORGATE_PLC_PASSWORD}"), e::report);
  }

  @Test
  void misspeltPolicyIsNamedWithTheChoices() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        security: { policy: Basic256Sha265, mode: SignAndEncrypt }
        """, Map.of()));

    // Alone: the mode is not said to need a signing policy, as the misspelt one would read None.
    assertEquals(1, e.errors().size(), e::report);
    assertEquals("'Basic256Sha265' is not one of Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss, "
        + "Basic128Rsa15, Basic256, Basic256Sha256, None; did you mean 'Basic256Sha256'?",
        e.errors().get(0).message(), e::report);
  }

  @Test
  void missingPasswordFileIsAnError() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        security:
          username: operator
          passwordFile: /nonexistent/plc-password
        """, Map.of()));

    assertTrue(e.errors().get(0).message().contains("is not a readable file"), e::report);
  }
}
