package io.floorgate.driver.modbus;

import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.ModbusTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Why a request failed, as a BAD status and a reason an operator can act on.
 *
 * @param status   the BAD status every tag of the request gets
 * @param reason   e.g. {@code Modbus exception 2: illegal data address (read holding registers
 *                 100..109 (unit 1))}
 * @param linkLost the connection is gone, so the requests after this one need not be sent
 */
record Failure(ModbusStatus status, String reason, boolean linkLost) {

  Failure(ModbusStatus status, String reason) {
    this(status, reason, false);
  }

  static Failure linkLost(String what) {
    return new Failure(ModbusStatus.BAD_NO_COMMUNICATION,
        "link lost: not connected to the device, reconnecting (" + what + ")", true);
  }

  /**
   * Classifies what the digitalpetri client completed a request with.
   *
   * <p>The async API fails a request with the cause itself: a {@link ModbusResponseException} for
   * an exception response, a plain {@link TimeoutException} when no answer came (the sync API wraps
   * it in {@link ModbusTimeoutException}), and the channel's exception when a send failed. A
   * request in flight when the socket closes is not failed by the library; it times out. So a
   * timeout while the transport is no longer connected is reported as link loss.
   *
   * @param error     what the request's future completed with
   * @param connected whether the transport is connected now
   * @param timeout   the client's request timeout, for the reason
   * @param what      the request, e.g. from {@link PlannedRead#describe()}
   */
  static Failure classify(Throwable error, boolean connected, Duration timeout, String what) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ModbusResponseException r) {
      return exception(r.getExceptionCode(), what);
    }
    boolean timedOut = e instanceof TimeoutException || e instanceof ModbusTimeoutException;
    if (!connected) {
      return new Failure(ModbusStatus.BAD_NO_COMMUNICATION, "link lost: connection to the device"
          + (timedOut ? " closed while waiting for the answer" : " closed") + " (" + what + ")",
          true);
    }
    if (timedOut) {
      return new Failure(ModbusStatus.BAD_TIMEOUT, "no answer within " + timeout.toMillis()
          + " ms to " + what + ": check the unit id, and that the device is powered and wired");
    }
    if (e instanceof IOException) {
      return new Failure(ModbusStatus.BAD_NO_COMMUNICATION, "link lost: " + e.getMessage()
          + " (" + what + ")", true);
    }
    return new Failure(ModbusStatus.BAD_UNEXPECTED_ERROR,
        e.getClass().getSimpleName() + ": " + e.getMessage() + " (" + what + ")");
  }

  /** An exception response: the status for its code and the code's name from the spec. */
  static Failure exception(int code, String what) {
    ModbusStatus status = switch (code) {
      case 0x01 -> ModbusStatus.BAD_NOT_SUPPORTED;
      case 0x02 -> ModbusStatus.BAD_OUT_OF_RANGE;
      case 0x03 -> ModbusStatus.BAD_INVALID_ARGUMENT;
      case 0x04, 0x08 -> ModbusStatus.BAD_DEVICE_FAILURE;
      case 0x05 -> ModbusStatus.BAD_WOULD_BLOCK;
      case 0x06 -> ModbusStatus.BAD_RESOURCE_UNAVAILABLE;
      case 0x0A, 0x0B -> ModbusStatus.BAD_NO_COMMUNICATION;
      default -> ModbusStatus.BAD_UNEXPECTED_ERROR;
    };
    String name = switch (code) {
      case 0x01 -> "illegal function";
      case 0x02 -> "illegal data address";
      case 0x03 -> "illegal data value";
      case 0x04 -> "server device failure";
      case 0x05 -> "acknowledge";
      case 0x06 -> "server device busy";
      case 0x08 -> "memory parity error";
      case 0x0A -> "gateway path unavailable";
      case 0x0B -> "gateway target device failed to respond";
      default -> "unknown exception code";
    };
    String number = code < 10 ? Integer.toString(code) : "0x%02X".formatted(code);
    return new Failure(status, "Modbus exception " + number + ": " + name + " (" + what + ")");
  }
}
