package io.floorgate.buffer;

import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A reading as queue bytes. Layout, version 1 (big-endian, strings as length + UTF-8):
 * {@code version:u8, queuedAt:i64 ms, connection, path, value type:u8 + value, unit?,
 * quality:u8, status code:i64, status name, sourceTime?, timestamp, timestampSource:u8,
 * gatewayTime}, instants as epoch seconds:i64 + nanos:i32, optional fields behind a presence
 * byte. {@code queuedAt} sits at a fixed offset so that expiry reads it without decoding.
 *
 * <p>The version byte lets a later layout read files written by this one.
 */
final class ReadingCodec {

  static final byte VERSION = 1;
  /** Offset of {@code queuedAt}: right after the version byte. */
  static final int QUEUED_AT_OFFSET = 1;

  private static final byte NULL = 0;
  private static final byte DOUBLE = 1;
  private static final byte LONG = 2;
  private static final byte BOOLEAN = 3;
  private static final byte STRING = 4;
  /** A one-dimensional array: its length, then each element as a value. */
  private static final byte LIST = 5;
  /** An integer beyond a long (UInt64 above 2^63), as its decimal text. */
  private static final byte BIG_INTEGER = 6;

  private static final Quality[] QUALITIES = Quality.values();
  private static final TimestampSource[] SOURCES = TimestampSource.values();

  private ReadingCodec() {}

  static byte[] encode(Reading r, long queuedAtMillis) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(queuedAtMillis);
      string(out, r.connection());
      string(out, r.path());
      value(out, r.value());
      optionalString(out, r.unit());
      out.writeByte(r.quality().ordinal());
      out.writeLong(r.status().code());
      string(out, r.status().name());
      optionalInstant(out, r.sourceTime());
      instant(out, r.timestamp());
      out.writeByte(r.timestampSource().ordinal());
      instant(out, r.gatewayTime());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a reading of a known version
   */
  static Reading decode(byte[] record) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("queue entry of unknown version " + version);
      }
      in.readLong();
      String connection = string(in);
      String path = string(in);
      Object value = value(in);
      String unit = in.readBoolean() ? string(in) : null;
      Quality quality = QUALITIES[in.readUnsignedByte()];
      Status status = new Status(in.readLong(), string(in));
      Instant sourceTime = in.readBoolean() ? instant(in) : null;
      Instant timestamp = instant(in);
      TimestampSource source = SOURCES[in.readUnsignedByte()];
      Instant gatewayTime = instant(in);
      return new Reading(connection, path, value, unit, quality, status, sourceTime, timestamp,
          source, gatewayTime);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("queue entry cannot be read: " + e, e);
    }
  }

  /** When the entry was queued, read without decoding the rest. */
  static long queuedAt(byte[] record) {
    long t = 0;
    for (int i = QUEUED_AT_OFFSET; i < QUEUED_AT_OFFSET + Long.BYTES; i++) {
      t = (t << 8) | (record[i] & 0xFF);
    }
    return t;
  }

  private static void value(DataOutputStream out, @Nullable Object value) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else if (value instanceof java.math.BigInteger big) {
      out.writeByte(BIG_INTEGER);
      string(out, big.toString());
    } else if (value instanceof java.util.List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object element : list) {
        value(out, element);
      }
    } else if (value instanceof Number n) {
      // The normalizer gives Double or Long; any other number is kept as a double.
      out.writeByte(DOUBLE);
      out.writeDouble(n.doubleValue());
    } else {
      out.writeByte(STRING);
      string(out, value.toString());
    }
  }

  private static @Nullable Object value(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    return switch (type) {
      case NULL -> null;
      case DOUBLE -> in.readDouble();
      case LONG -> in.readLong();
      case BOOLEAN -> in.readBoolean();
      case STRING -> string(in);
      case BIG_INTEGER -> new java.math.BigInteger(string(in));
      case LIST -> {
        int size = in.readInt();
        java.util.List<@Nullable Object> list = new java.util.ArrayList<>(Math.min(size, 1024));
        for (int i = 0; i < size; i++) {
          list.add(value(in));
        }
        yield java.util.Collections.unmodifiableList(list);
      }
      default -> throw new IOException("unknown value type " + type);
    };
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String string(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("string of length " + length + " past the end of the entry");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static void optionalString(DataOutputStream out, @Nullable String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      string(out, s);
    }
  }

  private static void instant(DataOutputStream out, Instant t) throws IOException {
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  private static Instant instant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }

  private static void optionalInstant(DataOutputStream out, @Nullable Instant t)
      throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      instant(out, t);
    }
  }
}
