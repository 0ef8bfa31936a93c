package io.floorgate.driver.opcua;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Sends a batch of operations, and when the server answers that the batch is too large
 * ({@code Bad_TooManyOperations} and kin) sends each half instead, down to one operation at a
 * time. A small PLC often enforces a lower limit than it publishes, or publishes none, so the
 * published limit is only the first guess. Results come back in the order of the operations.
 */
final class Halving {

  private Halving() {}

  /**
   * @param call     sends one request for a sublist and answers one result per item, in order
   * @param tooLarge whether a failure means "too many operations in one request"
   * @param onSplit  told the size that was refused, each time a request is split
   */
  static <T, R> CompletableFuture<List<R>> call(List<T> items,
      Function<List<T>, CompletableFuture<List<R>>> call, Predicate<Throwable> tooLarge,
      java.util.function.IntConsumer onSplit) {
    if (items.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    CompletableFuture<List<R>> sent;
    try {
      sent = call.apply(items);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.handle((results, failure) -> {
      if (failure == null) {
        return CompletableFuture.completedFuture(results);
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (items.size() <= 1 || !tooLarge.test(cause)) {
        return CompletableFuture.<List<R>>failedFuture(cause);
      }
      onSplit.accept(items.size());
      int half = items.size() / 2;
      // One half after the other: a PLC that refused the whole is not sent both at once.
      return call(items.subList(0, half), call, tooLarge, onSplit).thenCompose(first ->
          call(items.subList(half, items.size()), call, tooLarge, onSplit).thenApply(second -> {
            List<R> all = new ArrayList<>(first.size() + second.size());
            all.addAll(first);
            all.addAll(second);
            return all;
          }));
    }).thenCompose(f -> f);
  }
}
