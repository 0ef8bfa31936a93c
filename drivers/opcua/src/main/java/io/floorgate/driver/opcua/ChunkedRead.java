package io.floorgate.driver.opcua;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.UaExceptionStatus;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;

/**
 * Reads many attributes in requests of at most {@code chunk} nodes, one request at a time; a
 * request the server finds too large is split in half until it fits (a PLC whose real limits are
 * below what it publishes, or that publishes none).
 */
final class ChunkedRead {

  private ChunkedRead() {}

  /** Whether {@code code} says "this request was too big" rather than "this node is wrong". */
  static boolean tooLarge(long code) {
    long c = code & 0xFFFF0000L;
    return c == StatusCodes.Bad_TooManyOperations
        || c == StatusCodes.Bad_EncodingLimitsExceeded
        || c == StatusCodes.Bad_RequestTooLarge
        || c == StatusCodes.Bad_ResponseTooLarge
        || c == StatusCodes.Bad_TooManyMonitoredItems;
  }

  /**
   * The values of {@code reads}, in order. Blocking: one request after another, each bounded by
   * {@code timeoutMs}.
   *
   * @throws UaException when a request fails for another reason than its size
   */
  static List<DataValue> read(OpcUaClient client, List<ReadValueId> reads, int chunk,
      long timeoutMs) throws UaException {
    List<DataValue> values = new ArrayList<>(reads.size());
    int size = Math.max(1, chunk);
    int from = 0;
    while (from < reads.size()) {
      List<ReadValueId> slice = reads.subList(from, Math.min(reads.size(), from + size));
      try {
        ReadResponse response = client.readAsync(0.0, TimestampsToReturn.Both, slice)
            .get(timeoutMs, MILLISECONDS);
        DataValue[] results = response.getResults();
        if (results == null || results.length != slice.size()) {
          throw new UaException(StatusCodes.Bad_UnexpectedError, "Read returned "
              + (results == null ? 0 : results.length) + " results for " + slice.size() + " nodes");
        }
        values.addAll(List.of(results));
        from += slice.size();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UaException(StatusCodes.Bad_Shutdown, "interrupted");
      } catch (Exception e) {
        long code = UaExceptionStatus.extract(Causes.unwrap(e))
            .map(s -> s.getStatusCode().value()).orElse(StatusCodes.Bad_UnexpectedError);
        if (tooLarge(code) && size > 1) {
          size = Math.max(1, size / 2);
          continue;
        }
        throw e instanceof UaException ua ? ua : new UaException(code, Causes.describe(e));
      }
    }
    return values;
  }
}
