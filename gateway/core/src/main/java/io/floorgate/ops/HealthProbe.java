package io.floorgate.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container health check with nothing but the JRE: exits 0 when the URL answers 200 within
 * 2 s, else 1. {@code java -cp floorgate.jar io.floorgate.ops.HealthProbe http://127.0.0.1:8480/health/live}
 */
public final class HealthProbe {

  private HealthProbe() {}

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:8480/health/live";
    try {
      HttpResponse<Void> response = HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2)).build()
          .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      System.exit(response.statusCode() == 200 ? 0 : 1);
    } catch (Exception e) {
      System.err.println(url + ": " + e);
      System.exit(1);
    }
  }
}
