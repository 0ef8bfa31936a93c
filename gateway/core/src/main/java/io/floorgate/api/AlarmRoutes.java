package io.floorgate.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmCommandException;
import io.floorgate.alarm.AlarmEngine;
import io.floorgate.alarm.AlarmJson;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The alarm API:
 * <ul>
 *   <li>{@code GET /api/alarms}: every alarm's state; narrowed by {@code ?active=true} (the
 *       condition is present) or {@code false}, {@code ?state=UNACKED,RTN_UNACKED} and
 *       {@code ?priority=high,urgent} (each a comma-separated list, any case; all must match);
 *   <li>{@code GET /api/alarms/{id}}: one;
 *   <li>{@code POST /api/alarms/{id}/ack} {@code {"by":…, "comment":…}};
 *   <li>{@code POST /api/alarms/{id}/shelve} {@code {"by":…, "duration":"30m", "comment":…}};
 *   <li>{@code POST /api/alarms/{id}/unshelve}, {@code …/out-of-service},
 *       {@code …/in-service} {@code {"by":…, "comment":…}}.
 * </ul>
 * State-changing calls need the bearer token. Unknown alarm 404, malformed body 400, a command the
 * alarm's state does not allow 409.
 */
public final class AlarmRoutes {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|m|h)");
  private static final int MAX_TEXT = 1000;

  private final AlarmEngine engine;

  private AlarmRoutes(AlarmEngine engine) {
    this.engine = engine;
  }

  /** Adds the alarm routes to {@code router}. */
  public static void register(Router router, AlarmEngine engine) {
    AlarmRoutes r = new AlarmRoutes(engine);
    router.getNow("/api/alarms", r::list);
    router.getNow("/api/alarms/{id}", r::one);
    router.post("/api/alarms/{id}/ack", request -> r.command(request, "acknowledge", false,
        (id, body, by, comment) -> engine.acknowledge(id, by, comment)));
    router.post("/api/alarms/{id}/shelve", request -> r.command(request, "shelve", false,
        (id, body, by, comment) -> engine.shelve(id, by, duration(body), comment)));
    router.post("/api/alarms/{id}/unshelve", request -> r.command(request, "unshelve", true,
        (id, body, by, comment) -> engine.unshelve(id, by, comment)));
    router.post("/api/alarms/{id}/out-of-service", request -> r.command(request, "out-of-service", false,
        (id, body, by, comment) -> engine.removeFromService(id, by, comment)));
    router.post("/api/alarms/{id}/in-service", request -> r.command(request, "in-service", false,
        (id, body, by, comment) -> engine.returnToService(id, by, comment)));
  }

  private interface Command {
    CompletableFuture<Alarm> run(String id, JsonNode body, String by, @Nullable String comment);
  }

  private ApiResponse list(ApiRequest request) {
    Predicate<Alarm> filter;
    try {
      filter = AlarmFilter.of(request.query());
    } catch (IllegalArgumentException e) {
      return ApiResponse.error(400, "bad request", e.getMessage());
    }
    return ApiResponse.json(200, engine.alarms().stream().filter(filter).toList());
  }

  private ApiResponse one(ApiRequest request) {
    Alarm alarm = engine.alarm(request.param("id"));
    return alarm == null ? unknown(request.param("id")) : ApiResponse.rawJson(200,
        AlarmJson.alarm(alarm));
  }

  /** Runs a command and writes its audit line, whatever the answer. */
  private CompletionStage<ApiResponse> command(ApiRequest request, String action,
      boolean emptyBodyAllowed, Command command) {
    String id = request.param("id");
    String by = null;
    CompletionStage<ApiResponse> answer;
    if (engine.alarm(id) == null) {
      answer = CompletableFuture.completedFuture(unknown(id));
    } else {
      try {
        JsonNode body = body(request.body(), emptyBodyAllowed);
        by = Objects.requireNonNullElse(text(body, "by", !emptyBodyAllowed), "operator");
        answer = command.run(id, body, by, text(body, "comment", false))
            .handle((alarm, failure) -> failure == null
                ? ApiResponse.rawJson(200, AlarmJson.alarm(alarm)) : refused(failure));
      } catch (BadBody e) {
        answer = CompletableFuture.completedFuture(ApiResponse.error(400, "bad request",
            e.getMessage()));
      }
    }
    String who = by;
    return answer.whenComplete((response, failure) -> Audit.command(action, id, who,
        request.remote(), response == null ? 500 : response.status(),
        response == null ? "internal error" : response.status() < 300 ? "done"
            : message(response)));
  }

  /** An error answer's message, for the audit line. */
  static String message(ApiResponse response) {
    try {
      JsonNode json = ApiResponse.JSON.readTree(response.body());
      return json.path("error").asText() + ": " + json.path("message").asText();
    } catch (IOException e) {
      return "";
    }
  }

  private static ApiResponse unknown(String id) {
    return ApiResponse.error(404, "not found", "no alarm has the id '" + id
        + "'; GET /api/alarms lists them");
  }

  static ApiResponse refused(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof AlarmCommandException e) {
      return switch (e.reason()) {
        case NOT_FOUND -> ApiResponse.error(404, "not found", e.getMessage());
        case CONFLICT -> ApiResponse.error(409, "conflict", e.getMessage());
        case INVALID -> ApiResponse.error(400, "bad request", e.getMessage());
        case UNAVAILABLE -> ApiResponse.error(503, "unavailable", e.getMessage());
        case PLC_REFUSED -> ApiResponse.error(502, "plc refused", e.getMessage());
      };
    }
    if (cause instanceof BadBody e) {
      return ApiResponse.error(400, "bad request", e.getMessage());
    }
    throw new CompletionException(cause);
  }

  static JsonNode body(String text, boolean emptyAllowed) {
    if (text.isBlank()) {
      if (emptyAllowed) {
        return ApiResponse.JSON.createObjectNode();
      }
      throw new BadBody("the body is empty; send JSON such as {\"by\": \"<operator>\", "
          + "\"comment\": \"...\"}");
    }
    JsonNode node;
    try {
      node = ApiResponse.JSON.readTree(text);
    } catch (IOException e) {
      throw new BadBody("the body is not JSON; send e.g. {\"by\": \"<operator>\"}");
    }
    if (node == null || !node.isObject()) {
      throw new BadBody("the body must be a JSON object, e.g. {\"by\": \"<operator>\"}");
    }
    return node;
  }

  static @Nullable String text(JsonNode body, String field, boolean required) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new BadBody("'" + field + "' is missing; say who does this, e.g. {\"by\": "
            + "\"tanaka\"}");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_TEXT) {
      throw new BadBody("'" + field + "' must be text of 1 to " + MAX_TEXT + " characters");
    }
    return value.asText().strip();
  }

  /** {@code "30m"}, {@code "2h"}, {@code "90s"} or ISO-8601 {@code "PT30M"}. */
  static Duration duration(JsonNode body) {
    JsonNode value = body.get("duration");
    if (value == null || !value.isTextual()) {
      throw new BadBody("'duration' is missing; give it as text such as \"30m\", \"2h\" or "
          + "\"PT30M\"");
    }
    String text = value.asText().strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      long seconds = switch (m.group(2)) {
        case "h" -> 3600;
        case "m" -> 60;
        default -> 1;
      };
      return Duration.ofMillis(Math.round(n * seconds * 1000));
    }
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new BadBody("'duration' " + value + " is not a duration; write e.g. \"30m\", \"2h\" "
          + "or \"PT30M\"");
    }
  }

  /** A request body that cannot be used; its message goes back to the caller. */
  static final class BadBody extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadBody(String message) {
      super(message, null, false, false);
    }
  }
}
