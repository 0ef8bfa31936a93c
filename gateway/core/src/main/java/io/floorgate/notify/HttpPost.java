package io.floorgate.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * A JSON POST for the HTTP receivers, with failures turned into one-line causes: unreachable,
 * timed out, or the answer's status with the start of its body.
 */
final class HttpPost {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
  private static final int BODY_SHOWN = 200;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final String what;

  /** @param what the receiver as logs name it: {@code Alertmanager receiver am (http://…)} */
  HttpPost(String what) {
    this.what = what;
  }

  /** Posts {@code body}; returns when the answer is 2xx. */
  void post(URI uri, byte[] body, Map<String, String> headers) throws DeliveryException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new DeliveryException("unreachable", what + " is unreachable (" + reason(e)
          + "): check that it runs and that url is its address");
    } catch (HttpTimeoutException e) {
      throw new DeliveryException("timeout", what + " did not answer within "
          + REQUEST_TIMEOUT.toSeconds() + " s: check its load and the network");
    } catch (IOException e) {
      throw new DeliveryException("io", what + " failed: " + reason(e)
          + ": check its address (url) and the network");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted", what + ": interrupted while stopping");
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      String text = response.body() == null ? "" : response.body().strip();
      throw new DeliveryException("http " + status, what + " answered HTTP " + status
          + (text.isEmpty() ? "" : " (" + text.substring(0, Math.min(BODY_SHOWN, text.length()))
              + ")") + ": " + advice(status));
    }
  }

  private static String advice(int status) {
    if (status == 401 || status == 403) {
      return "the receiver refuses the credentials; check bearer / hmacSecret and their "
          + "variables";
    }
    if (status == 404) {
      return "nothing answers at that path; check url";
    }
    return status / 100 == 4 ? "the receiver refuses the request; check url and its version"
        : "the receiver has a problem of its own; see its log";
  }

  private static String reason(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }
}
