package io.floorgate.driver.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server that takes at most {@code limit} operations per request and answers more with
 * Bad_TooManyOperations, as a small PLC's Browse does.
 */
class HalvingTest {

  private final List<Integer> sent = new CopyOnWriteArrayList<>();
  private final List<Integer> refused = new CopyOnWriteArrayList<>();

  private CompletableFuture<List<String>> server(List<Integer> items, int limit) {
    sent.add(items.size());
    if (items.size() > limit) {
      return CompletableFuture.failedFuture(new UaException(StatusCodes.Bad_TooManyOperations,
          items.size() + " operations, at most " + limit));
    }
    return CompletableFuture.supplyAsync(() -> items.stream().map(i -> "r" + i).toList());
  }

  private List<String> call(int items, int limit) throws Exception {
    List<Integer> all = IntStream.range(0, items).boxed().toList();
    return Halving.call(all, batch -> server(batch, limit), Browser::tooLarge, refused::add)
        .get(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0} operations, server takes {1}")
  @CsvSource({"100, 8", "100, 1", "9, 8", "8, 8", "1, 1", "37, 5"})
  void aRefusedRequestIsSplitInHalvesUntilTheServerTakesIt(int items, int limit)
      throws Exception {
    List<String> results = call(items, limit);

    assertEquals(IntStream.range(0, items).mapToObj(i -> "r" + i).toList(), results,
        "every result, in the order of the operations");
    assertTrue(sent.stream().filter(n -> n <= limit).mapToInt(Integer::intValue).sum() == items,
        "each operation is answered once: " + sent);
    assertTrue(refused.stream().allMatch(n -> n > limit), "only too large requests split");
  }

  @Test
  void halvesAreSentOneAfterTheOther() throws Exception {
    call(16, 4);

    assertEquals(List.of(16, 8, 4, 4, 8, 4, 4), sent);
    assertEquals(List.of(16, 8, 8), refused);
  }

  @Test
  void aSingleOperationTheServerRefusesFailsTheCall() {
    List<Integer> one = List.of(1);
    var failure = assertThrows(ExecutionException.class, () -> Halving.call(one,
        batch -> server(batch, 0), Browser::tooLarge, refused::add).get(10, TimeUnit.SECONDS));

    assertInstanceOf(UaException.class, failure.getCause());
    assertEquals(List.of(1), sent);
  }

  @Test
  void anotherFailureIsNotRetriedSmaller() {
    List<Integer> items = List.of(1, 2, 3, 4);
    var failure = assertThrows(ExecutionException.class, () -> Halving.call(items,
        batch -> {
          sent.add(batch.size());
          return CompletableFuture.<List<String>>failedFuture(
              new UaException(StatusCodes.Bad_SessionIdInvalid, "session gone"));
        }, Browser::tooLarge, refused::add).get(10, TimeUnit.SECONDS));

    assertEquals(StatusCodes.Bad_SessionIdInvalid,
        ((UaException) failure.getCause()).getStatusCode().value());
    assertEquals(List.of(4), sent);
  }
}
