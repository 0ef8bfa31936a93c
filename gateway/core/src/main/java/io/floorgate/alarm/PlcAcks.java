package io.floorgate.alarm;

import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Acknowledging a PLC condition: checked and noted on the engine's thread, sent to the PLC (its
 * Acknowledge method), and applied on the engine's thread once the PLC accepted, so the alarm is
 * only acknowledged here when it is acknowledged on the PLC.
 */
final class PlcAcks {

  private PlcAcks() {}

  /**
   * @param enqueue runs a task on the engine's thread; false when it cannot
   * @param plc     where PLC acknowledgements go; null when no driver reads conditions
   */
  static CompletableFuture<Alarm> acknowledge(AlarmBook book, Predicate<Runnable> enqueue,
      @Nullable PlcAcknowledger plc, String id, String by, @Nullable String comment) {
    CompletableFuture<Alarm> result = new CompletableFuture<>();
    Runnable task = () -> {
      try {
        ConditionRules.PlcAck target = book.plcAck(id, by, comment);
        if (target == null) {
          result.complete(book.acknowledge(id, by, comment));
          return;
        }
        if (plc == null) {
          book.cancelPlcAck(id);
          throw new AlarmCommandException(AlarmCommandException.Reason.PLC_REFUSED,
              "PLC alarm " + id + " cannot be acknowledged: its connection is not running");
        }
        plc.acknowledge(target.connection(), target.conditionId(), target.eventId(),
            comment == null ? "acknowledged by " + by : by + ": " + comment)
            .whenComplete((ok, failure) -> {
              if (!enqueue.test(() -> answered(book, id, target, failure, result))) {
                result.completeExceptionally(busy());
              }
            });
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    };
    if (!enqueue.test(task)) {
      result.completeExceptionally(busy());
    }
    return result;
  }

  private static void answered(AlarmBook book, String id, ConditionRules.PlcAck target,
      @Nullable Throwable failure, CompletableFuture<Alarm> result) {
    if (failure == null) {
      result.complete(book.confirmPlcAck(id));
      return;
    }
    book.cancelPlcAck(id);
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    result.completeExceptionally(new AlarmCommandException(
        AlarmCommandException.Reason.PLC_REFUSED, "PLC " + target.connection() + " did not take "
        + "the acknowledgement of " + id + ": " + cause.getMessage()));
  }

  private static AlarmCommandException busy() {
    return new AlarmCommandException(AlarmCommandException.Reason.UNAVAILABLE,
        "the alarm engine is busy or stopping; try again");
  }
}
