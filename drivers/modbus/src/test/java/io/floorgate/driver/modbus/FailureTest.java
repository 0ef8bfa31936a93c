package io.floorgate.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** How the library's failures are classified, for the interleavings a socket test cannot pin. */
class FailureTest {

  private static final Duration TIMEOUT = Duration.ofMillis(500);

  @Test
  void aTimeoutWhileConnectedIsBadTimeout() {
    Failure f = Failure.classify(new TimeoutException("request timed out after 500ms"), true,
        TIMEOUT, "read holding registers 0..9 (unit 1)");

    assertEquals(ModbusStatus.BAD_TIMEOUT, f.status());
    assertFalse(f.linkLost());
  }

  @Test
  void aTimeoutAfterTheSocketClosedIsLinkLossNotTimeout() {
    // The library does not fail requests in flight when the channel closes; they time out.
    Failure f = Failure.classify(new TimeoutException("request timed out after 500ms"), false,
        TIMEOUT, "read holding registers 0..9 (unit 1)");

    assertEquals(ModbusStatus.BAD_NO_COMMUNICATION, f.status());
    assertEquals("link lost: connection to the device closed while waiting for the answer"
        + " (read holding registers 0..9 (unit 1))", f.reason());
    assertTrue(f.linkLost());
  }

  @Test
  void aFailedSendIsLinkLoss() {
    Failure f = Failure.classify(new CompletionException(new ClosedChannelException()), true,
        TIMEOUT, "x");

    assertEquals(ModbusStatus.BAD_NO_COMMUNICATION, f.status());
    assertTrue(f.linkLost());
    assertTrue(Failure.classify(new IOException("Connection reset by peer"), true, TIMEOUT, "x")
        .reason().startsWith("link lost: Connection reset by peer"));
  }

  @Test
  void anExceptionResponseIsUnwrappedFromTheFuturesWrapper() {
    Failure f = Failure.classify(new CompletionException(new ModbusResponseException(3, 2)),
        true, TIMEOUT, "read holding registers 5..5 (unit 1)");

    assertEquals(new Failure(ModbusStatus.BAD_OUT_OF_RANGE,
        "Modbus exception 2: illegal data address (read holding registers 5..5 (unit 1))"), f);
  }

  @Test
  void anExceptionResponseStaysAnExceptionEvenIfTheLinkDropsRightAfter() {
    Failure f = Failure.classify(new ModbusResponseException(3, 6), false, TIMEOUT, "x");

    assertEquals(ModbusStatus.BAD_RESOURCE_UNAVAILABLE, f.status());
  }

  @Test
  void anythingElseKeepsTheLibrarysMessage() {
    Failure f = Failure.classify(new IllegalStateException("unexpected function code: 0x05"), true,
        TIMEOUT, "x");

    assertEquals(new Failure(ModbusStatus.BAD_UNEXPECTED_ERROR,
        "IllegalStateException: unexpected function code: 0x05 (x)"), f);
  }
}
