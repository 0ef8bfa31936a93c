package io.floorgate.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.Floorgate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an operator's tools see of a running gateway: {@code /metrics}, {@code /health/ready}. */
public final class GatewayHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** {@code name{label="value",…} value}, as Prometheus text has it. */
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)\\})?\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  /** {@code /health/ready}: its status code and JSON body. */
  public record Ready(int status, JsonNode body) {

    /** {@code outputs.<name>.ready}; false when the output is not listed. */
    public boolean outputReady(String name) {
      return body.path("outputs").path(name).path("ready").asBoolean(false);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public GatewayHttp(Floorgate gateway) {
    this.base = "http://127.0.0.1:" + gateway.api().port();
  }

  public Ready ready() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/health/ready");
    return new Ready(response.statusCode(), JSON.readTree(response.body()));
  }

  /** The Prometheus text of {@code /metrics}. */
  public String metrics() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/metrics");
    if (response.statusCode() != 200) {
      throw new AssertionError("/metrics answered " + response.statusCode());
    }
    return response.body();
  }

  /**
   * The value of the series {@code name} whose labels include {@code labels} (pairs: name,
   * value); fails when there is none, or more than one.
   */
  public double metric(String name, String... labels) throws IOException, InterruptedException {
    return value(metrics(), name, labels);
  }

  /** As {@link #metric}, from a scrape already taken. */
  public static double value(String scrape, String name, String... labels) {
    OptionalDouble value = find(scrape, name, labels);
    if (value.isEmpty()) {
      throw new AssertionError(series(name, labels) + " is not on /metrics");
    }
    return value.getAsDouble();
  }

  /** The series' value, empty when the scrape has no such series. */
  public static OptionalDouble find(String scrape, String name, String... labels) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (int i = 0; i + 1 < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    OptionalDouble found = OptionalDouble.empty();
    for (String line : scrape.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (line.startsWith("#") || !sample.find() || !sample.group(1).equals(name)) {
        continue;
      }
      Map<String, String> has = new LinkedHashMap<>();
      Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
      while (label.find()) {
        has.put(label.group(1), label.group(2));
      }
      if (has.entrySet().containsAll(wanted.entrySet())) {
        if (found.isPresent()) {
          throw new AssertionError(series(name, labels) + " matches more than one series");
        }
        found = OptionalDouble.of(Double.parseDouble(sample.group(3)));
      }
    }
    return found;
  }

  private static String series(String name, String... labels) {
    StringBuilder s = new StringBuilder(name).append('{');
    for (int i = 0; i + 1 < labels.length; i += 2) {
      s.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(labels[i + 1])
          .append('"');
    }
    return s.append('}').toString();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
