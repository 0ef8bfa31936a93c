package io.floorgate.driver.opcua;

import io.floorgate.driver.Sample;
import io.floorgate.driver.Status;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UNumber;
import org.jspecify.annotations.Nullable;

/** Turns Milo's values into the SPI's plain Java ones, so no Milo type leaves this package. */
final class SampleMapper {

  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private SampleMapper() {}

  static Sample toSample(String connection, String tag, DataValue dv, Instant receivedAt) {
    return new Sample(
        connection,
        tag,
        plain(dv.value()),
        status(dv.statusCode()),
        instant(dv.sourceTime()),
        instant(dv.serverTime()),
        receivedAt);
  }

  /** A sample that carries only a bad status: the tag exists in the config but gives no value. */
  static Sample badSample(String connection, String tag, StatusCode status, Instant receivedAt) {
    return new Sample(connection, tag, null, status(status), null, null, receivedAt);
  }

  static Status status(@Nullable StatusCode code) {
    long value = code == null ? StatusCodes.Good : code.value();
    return new Status(value, statusName(value));
  }

  /** The symbolic name ({@code Bad_SensorFailure}); the info bits do not change it. */
  static String statusName(long code) {
    if ((code & 0xFFFF0000L) == StatusCodes.Good) {
      return "Good";
    }
    return StatusCodes.lookup(code).map(desc -> desc[0]).orElse(String.format("0x%08X", code));
  }

  static @Nullable Object plain(@Nullable Variant variant) {
    Object o = variant == null ? null : variant.value();
    if (o == null || o instanceof Boolean || o instanceof String) {
      return o;
    }
    if (o instanceof Byte || o instanceof Short || o instanceof Integer || o instanceof Long) {
      return ((Number) o).longValue();
    }
    if (o instanceof ULong u) {
      BigInteger big = u.toBigInteger();
      // A UInt64 above Long.MAX_VALUE has no Long; its decimal text loses nothing.
      return big.compareTo(LONG_MAX) <= 0 ? (Object) big.longValue() : big.toString();
    }
    if (o instanceof UNumber u) {
      return u.longValue();
    }
    if (o instanceof Float f) {
      // Via the float's shortest decimal form, so a PLC's 0.1f arrives as 0.1, not 0.10000000149.
      return Double.parseDouble(Float.toString(f));
    }
    if (o instanceof Double d) {
      return d;
    }
    if (o instanceof LocalizedText text) {
      return text.text();
    }
    if (o instanceof DateTime time) {
      return time.getJavaInstant().toString();
    }
    if (o instanceof Object[] array) {
      return Arrays.deepToString(array);
    }
    return o.toString();
  }

  /** OPC UA's "no timestamp" is DateTime 0 (1601-01-01); the SPI says null for that. */
  static @Nullable Instant instant(@Nullable DateTime time) {
    if (time == null || time.isNull()) {
      return null;
    }
    return time.getJavaInstant();
  }
}
