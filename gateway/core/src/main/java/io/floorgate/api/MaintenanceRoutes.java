package io.floorgate.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.floorgate.alarm.AlarmEngine;
import io.floorgate.maintenance.CounterView;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The maintenance counters' API:
 * <ul>
 *   <li>{@code GET /api/maintenance}: every counter {@code {id, tag, kind, value, interval, unit,
 *       fraction, lastResetAt, lastResetBy, comment}}, in config order;
 *   <li>{@code POST /api/maintenance/{id}/reset} {@code {"by":…, "comment":…}} (bearer token):
 *       the service was done; the counter goes back to zero and its alarm clears. Answers the
 *       counter as it is after the reset.
 * </ul>
 * Unknown counter 404, malformed body 400, no or wrong token 401 (as the alarm routes). Every
 * reset, done or refused, is a line of the audit log.
 */
public final class MaintenanceRoutes {

  private final AlarmEngine engine;

  private MaintenanceRoutes(AlarmEngine engine) {
    this.engine = engine;
  }

  /** Adds the maintenance routes to {@code router}. */
  public static void register(Router router, AlarmEngine engine) {
    MaintenanceRoutes r = new MaintenanceRoutes(engine);
    router.getNow("/api/maintenance", request -> ApiResponse.json(200, engine.counters()));
    router.post("/api/maintenance/{id}/reset", r::reset);
  }

  private CompletionStage<ApiResponse> reset(ApiRequest request) {
    String id = request.param("id");
    CounterView before = counter(id);
    String by = null;
    String comment = null;
    CompletionStage<ApiResponse> answer;
    if (before == null) {
      answer = CompletableFuture.completedFuture(ApiResponse.error(404, "not found",
          "no maintenance counter has the id '" + id + "'; GET /api/maintenance lists them"));
    } else {
      try {
        JsonNode body = AlarmRoutes.body(request.body(), false);
        by = AlarmRoutes.text(body, "by", true);
        comment = AlarmRoutes.text(body, "comment", false);
        answer = engine.resetCounter(id, String.valueOf(by), comment)
            .handle((counter, failure) -> failure == null ? ApiResponse.json(200, counter)
                : AlarmRoutes.refused(failure));
      } catch (AlarmRoutes.BadBody e) {
        answer = CompletableFuture.completedFuture(ApiResponse.error(400, "bad request",
            e.getMessage()));
      }
    }
    String who = by;
    String why = comment;
    Double value = before == null ? null : before.value();
    return answer.whenComplete((response, failure) -> Audit.reset(id, who, why, value,
        request.remote(), response == null ? 500 : response.status(),
        response == null ? "internal error" : response.status() < 300 ? "done"
            : AlarmRoutes.message(response)));
  }

  private @Nullable CounterView counter(String id) {
    for (CounterView c : engine.counters()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }
}
