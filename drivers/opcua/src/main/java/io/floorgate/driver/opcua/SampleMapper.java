package io.floorgate.driver.opcua;

import io.floorgate.driver.Sample;
import io.floorgate.driver.SourceType;
import io.floorgate.driver.Status;
import java.math.BigInteger;
import java.time.Instant;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Matrix;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.XmlElement;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UNumber;
import org.jspecify.annotations.Nullable;

/** Turns Milo's values into the SPI's plain Java ones, so no Milo type leaves this package. */
final class SampleMapper {

  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private SampleMapper() {}

  /** Status of a value the gateway cannot put into JSON; the sample's reason says why. */
  static final long UNREPRESENTABLE = StatusCodes.Bad_DataEncodingUnsupported;

  static Sample toSample(String connection, String tag, DataValue dv, Instant receivedAt) {
    return toSample(connection, tag, dv, receivedAt, null);
  }

  /**
   * @param declared the type the variable declares (DataType and ValueRank), or null when that
   *                 says nothing plain: then the value's own type is the sample's
   */
  static Sample toSample(String connection, String tag, DataValue dv, Instant receivedAt,
      @Nullable SourceType declared) {
    SourceType type = declared != null ? declared : SourceTypes.of(dv.value());
    Object value;
    try {
      value = plain(dv.value());
    } catch (Unrepresentable e) {
      // Never dropped silently: the tag is published BAD, saying what the server sent.
      return new Sample(connection, tag, null, status(new StatusCode(UNREPRESENTABLE)),
          instant(dv.sourceTime()), instant(dv.serverTime()), receivedAt, e.getMessage(), type);
    }
    return new Sample(connection, tag, value, status(dv.statusCode()), instant(dv.sourceTime()),
        instant(dv.serverTime()), receivedAt, null, type);
  }

  /** A sample that carries only a bad status: the tag exists in the config but gives no value. */
  static Sample badSample(String connection, String tag, StatusCode status, Instant receivedAt) {
    return badSample(connection, tag, status, receivedAt, null);
  }

  static Sample badSample(String connection, String tag, StatusCode status, Instant receivedAt,
      @Nullable SourceType declared) {
    return new Sample(connection, tag, null, status(status), null, null, receivedAt, null,
        declared);
  }

  static Status status(@Nullable StatusCode code) {
    long value = code == null ? StatusCodes.Good : code.value();
    // Nearly every value is Good: one instance for all, not one per reading the latest values hold.
    return value == StatusCodes.Good ? Status.GOOD : new Status(value, statusName(value));
  }

  /** The symbolic name ({@code Bad_SensorFailure}); the info bits do not change it. */
  static String statusName(long code) {
    if ((code & 0xFFFF0000L) == StatusCodes.Good) {
      return "Good";
    }
    return StatusCodes.lookup(code).map(desc -> desc[0]).orElse(String.format("0x%08X", code));
  }

  /**
   * The SPI's plain form of a value: see {@link Sample#value()}.
   *
   * @throws Unrepresentable for values with no JSON form (structures, matrices, NaN)
   */
  static @Nullable Object plain(@Nullable Variant variant) {
    return element(variant == null ? null : variant.value());
  }

  private static @Nullable Object element(@Nullable Object o) {
    if (o == null || o instanceof Boolean || o instanceof String) {
      return o;
    }
    if (o instanceof Byte || o instanceof Short || o instanceof Integer || o instanceof Long) {
      return ((Number) o).longValue();
    }
    if (o instanceof ULong u) {
      BigInteger big = u.toBigInteger();
      // A UInt64 above Long.MAX_VALUE has no Long; BigInteger keeps every digit.
      return big.compareTo(LONG_MAX) <= 0 ? (Object) big.longValue() : big;
    }
    if (o instanceof UNumber u) {
      return u.longValue();
    }
    if (o instanceof Float f) {
      finite(f.doubleValue());
      // Via the float's shortest decimal form, so a PLC's 0.1f arrives as 0.1, not 0.10000000149.
      return Double.parseDouble(Float.toString(f));
    }
    if (o instanceof Double d) {
      return finite(d);
    }
    if (o instanceof LocalizedText text) {
      return text.text();
    }
    if (o instanceof DateTime time) {
      return time.isNull() ? null : time.getJavaInstant().toString();
    }
    if (o instanceof ByteString bytes) {
      return bytes.isNull() ? null : Base64.getEncoder().encodeToString(bytes.bytesOrEmpty());
    }
    if (o instanceof StatusCode code) {
      return statusName(code.value());
    }
    if (o instanceof UUID || o instanceof XmlElement) {
      return o instanceof XmlElement x ? x.getFragmentOrEmpty() : o.toString();
    }
    if (o instanceof NodeId id) {
      return id.toParseableString();
    }
    if (o instanceof ExpandedNodeId id) {
      return id.toParseableString();
    }
    if (o instanceof QualifiedName name) {
      return name.toParseableString();
    }
    if (o.getClass().isArray()) {
      int length = Array.getLength(o);
      List<@Nullable Object> list = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        list.add(element(Array.get(o, i)));
      }
      return Collections.unmodifiableList(list);
    }
    if (o instanceof ExtensionObject xo) {
      throw new Unrepresentable("a structure (ExtensionObject, encoding "
          + xo.getEncodingOrTypeId().toParseableString() + ") has no JSON form in Floorgate; "
          + "read its fields as separate tags");
    }
    if (o instanceof Matrix) {
      throw new Unrepresentable("a multi-dimensional array has no JSON form in Floorgate; "
          + "read it with an index range or as separate tags");
    }
    throw new Unrepresentable("a value of type " + o.getClass().getSimpleName()
        + " has no JSON form in Floorgate");
  }

  private static double finite(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new Unrepresentable("the PLC sent " + d + ", which JSON has no number for");
    }
    return d;
  }

  /** A value that cannot be published as it is; its message is the reason given downstream. */
  static final class Unrepresentable extends RuntimeException {
    Unrepresentable(String reason) {
      super(reason, null, false, false);
    }
  }

  /** OPC UA's "no timestamp" is DateTime 0 (1601-01-01); the SPI says null for that. */
  static @Nullable Instant instant(@Nullable DateTime time) {
    if (time == null || time.isNull()) {
      return null;
    }
    return time.getJavaInstant();
  }
}
