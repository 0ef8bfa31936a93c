package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code api:}'s connection limits, timeouts and allowed origins: defaults, values, errors. */
class ApiLimitsConfigTest {

  private static final String BASE = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: tcp://127.0.0.1:1883 }
      connections:
        - name: kiln
          endpoint: opc.tcp://127.0.0.1:4841/kiln
          area: calcination
          groups: [ { name: all, tags: [ { path: k/temp, node: ns=2;s=T } ] } ]
      """;

  private static ApiConfig api(String section) throws Exception {
    return ConfigLoader.parse(BASE + section, "api.yaml", Map.of()).api();
  }

  @Test
  void defaultsKeepAFewConsolesServedAndIdleOnesClosed() throws Exception {
    ApiConfig api = api("api: { port: 8480 }\n");
    assertEquals(64, api.maxConnections());
    assertEquals(Duration.ofSeconds(10), api.requestTimeout());
    assertEquals(Duration.ofSeconds(60), api.idleTimeout());
    assertEquals(Duration.ofSeconds(30), api.pingInterval());
    assertEquals(List.of(), api.allowedOrigins());
  }

  @Test
  void valuesAreReadAndOriginsKeptAsBrowsersSendThem() throws Exception {
    ApiConfig api = api("""
        api:
          maxConnections: 8
          requestTimeout: 2 s
          idleTimeout: 5 min
          pingInterval: 500 ms
          allowedOrigins: [ "HTTPS://Scada.example.com:443", "http://10.1.2.3:8080" ]
        """);
    assertEquals(8, api.maxConnections());
    assertEquals(Duration.ofSeconds(2), api.requestTimeout());
    assertEquals(Duration.ofMinutes(5), api.idleTimeout());
    assertEquals(Duration.ofMillis(500), api.pingInterval());
    assertEquals(List.of("https://scada.example.com", "http://10.1.2.3:8080"),
        api.allowedOrigins());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      maxConnections: 0              | api.maxConnections | 0 is below the minimum of 1
      maxConnections: lots           | api.maxConnections | 'lots' is not a whole number
      requestTimeout: 10 ms          | api.requestTimeout | 10ms is below the minimum of 100ms
      idleTimeout: 2 h               | api.idleTimeout    | 2h is above the maximum of 1h
      pingInterval: soon             | api.pingInterval   | soon
      allowedOrigins: [ scada.example.com ] | api.allowedOrigins[0] | 'scada.example.com' is not a browser origin
      allowedOrigins: [ "https://a.example/page" ] | api.allowedOrigins[0] | 'https://a.example/page' is not a browser origin
      allowedOrigins: "*"            | api.allowedOrigins | expected a list
      """)
  void wrongValueIsReportedWithItsPathAndLine(String entry, String path, String message) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> api("api:\n  " + entry + "\n"));
    assertEquals(1, e.errors().size(), e::report);
    ConfigError error = e.errors().get(0);
    assertEquals(path, error.path(), error::format);
    assertEquals(9, error.line(), error::format);
    assertTrue(error.message().contains(message), error::format);
  }
}
