package io.floorgate.buffer;

import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Queue entries as bytes: one entry holds one or more readings queued at the same moment.
 * Layout, version 4 (big-endian, strings as length + UTF-8): {@code version:u8, queuedAt:i64 ms,
 * count:i32}, then per reading {@code connection, path, value type:u8 + value, unit?,
 * quality:u8, status code:i64, status name, sourceTime?, timestamp, timestampSource:u8,
 * gatewayTime, reason?}, then {@code crc32c:u32} over every byte before it, so that an entry
 * damaged on disk is recognised as such instead of read as other readings; instants as epoch
 * seconds:i64 + nanos:i32, optional fields behind a
 * presence byte. Values are null, double, long, boolean, string, big integer (as its decimal
 * text: UInt64 above Long's range) or a list of values (count:i32, then each value). {@code
 * queuedAt} and {@code count} sit at fixed offsets so that expiry and the count at open read
 * them without decoding.
 *
 * <p>The version byte lets a later layout read files written by an earlier one: versions 1 (no
 * reason, no big integers or lists), 2 (one reading per entry, no count) and 3 (version 4 without
 * its checksum) are still read, unchecked.
 *
 * <p>An {@link Encoder} keeps its buffer and a {@link Decoder} the text of recent strings, so that
 * queueing and reading back allocate little beyond the entry and the readings themselves; each is
 * for one thread at a time.
 */
final class ReadingCodec {

  static final byte VERSION = 4;
  private static final byte VERSION_3 = 3;
  private static final byte VERSION_2 = 2;
  private static final byte VERSION_1 = 1;
  /** Offset of {@code queuedAt}: right after the version byte. */
  static final int QUEUED_AT_OFFSET = 1;
  /** Offset of {@code count} in a version 3 or 4 entry. */
  private static final int COUNT_OFFSET = QUEUED_AT_OFFSET + Long.BYTES;
  /** The shortest entry of any version: version and queuedAt. */
  static final int MIN_LENGTH = COUNT_OFFSET;

  private static final byte NULL = 0;
  private static final byte DOUBLE = 1;
  private static final byte LONG = 2;
  private static final byte BOOLEAN = 3;
  private static final byte STRING = 4;
  private static final byte BIG_INTEGER = 5;
  private static final byte LIST = 6;

  private static final Quality[] QUALITIES = Quality.values();
  private static final TimestampSource[] SOURCES = TimestampSource.values();

  private ReadingCodec() {}

  /** One reading as an entry of its own. */
  static byte[] encode(Reading r, long queuedAtMillis) {
    return new Encoder().encode(List.of(r), queuedAtMillis);
  }

  /**
   * The single reading of an entry.
   *
   * @throws IllegalArgumentException when the bytes are not an entry of a known version, or hold
   *     more than one reading
   */
  static Reading decode(byte[] record) {
    List<Reading> readings = new Decoder().decode(record);
    if (readings.size() != 1) {
      throw new IllegalArgumentException("queue entry holds " + readings.size() + " readings");
    }
    return readings.get(0);
  }

  /** Whether the bytes start like an entry of a version this codec reads. */
  static boolean known(byte[] record) {
    if (record.length < MIN_LENGTH) {
      return false;
    }
    return switch (record[0]) {
      case VERSION -> record.length >= COUNT_OFFSET + 2 * Integer.BYTES;
      case VERSION_3 -> record.length >= COUNT_OFFSET + Integer.BYTES;
      case VERSION_2, VERSION_1 -> true;
      default -> false;
    };
  }

  /**
   * Whether the entry is as it was written: a known version and, from version 4 on, its checksum
   * right. Older entries carry no checksum and pass when their version is known.
   */
  static boolean intact(byte[] record) {
    if (!known(record)) {
      return false;
    }
    if (record[0] != VERSION) {
      return true;
    }
    int end = record.length - Integer.BYTES;
    CRC32C crc = new CRC32C();
    crc.update(record, 0, end);
    return (int) crc.getValue() == (int) bigEndian(record, end, Integer.BYTES);
  }

  /** How many readings the entry holds, read without decoding them. */
  static int count(byte[] record) {
    if (record[0] != VERSION && record[0] != VERSION_3) {
      return 1;
    }
    return (int) bigEndian(record, COUNT_OFFSET, Integer.BYTES);
  }

  /**
   * Writes entries into a buffer it keeps between calls; text that is plain ASCII (paths, units,
   * status names, nearly everything) is copied without an intermediate array.
   */
  static final class Encoder {
    private ByteBuffer out = ByteBuffer.allocate(4096);

    /** The readings, in order, as one entry. */
    byte[] encode(List<Reading> readings, long queuedAtMillis) {
      out.clear();
      room(1 + Long.BYTES + Integer.BYTES);
      out.put(VERSION).putLong(queuedAtMillis).putInt(readings.size());
      for (Reading r : readings) {
        body(r);
      }
      CRC32C crc = new CRC32C();
      crc.update(out.array(), 0, out.position());
      room(Integer.BYTES);
      out.putInt((int) crc.getValue());
      return Arrays.copyOf(out.array(), out.position());
    }

    private void body(Reading r) {
      string(r.connection());
      string(r.path());
      value(r.value());
      optionalString(r.unit());
      room(1 + Long.BYTES);
      out.put((byte) r.quality().ordinal()).putLong(r.status().code());
      string(r.status().name());
      room(3 * (1 + Long.BYTES + Integer.BYTES) + 1);
      Instant sourceTime = r.sourceTime();
      out.put((byte) (sourceTime != null ? 1 : 0));
      if (sourceTime != null) {
        instant(sourceTime);
      }
      instant(r.timestamp());
      out.put((byte) r.timestampSource().ordinal());
      instant(r.gatewayTime());
      optionalString(r.reason());
    }

    private void instant(Instant t) {
      out.putLong(t.getEpochSecond()).putInt(t.getNano());
    }

    // String.getBytes(int, int, byte[], int) copies the low byte of each char: for ASCII that is
    // its UTF-8, without the array getBytes(UTF_8) would allocate.
    @SuppressWarnings("deprecation")
    private void string(String s) {
      int length = s.length();
      room(Integer.BYTES + length);
      if (ascii(s)) {
        out.putInt(length);
        s.getBytes(0, length, out.array(), out.position());
        out.position(out.position() + length);
      } else {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        room(Integer.BYTES + utf8.length);
        out.putInt(utf8.length).put(utf8);
      }
    }

    private static boolean ascii(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) >= 0x80) {
          return false;
        }
      }
      return true;
    }

    private void optionalString(@Nullable String s) {
      room(1);
      out.put((byte) (s != null ? 1 : 0));
      if (s != null) {
        string(s);
      }
    }

    private void value(@Nullable Object value) {
      room(1 + Long.BYTES);
      if (value == null) {
        out.put(NULL);
      } else if (value instanceof Double d) {
        out.put(DOUBLE).putDouble(d);
      } else if (value instanceof Long l) {
        out.put(LONG).putLong(l);
      } else if (value instanceof Boolean b) {
        out.put(BOOLEAN).put((byte) (b ? 1 : 0));
      } else if (value instanceof BigInteger big) {
        out.put(BIG_INTEGER);
        string(big.toString());
      } else if (value instanceof Number n) {
        // The normalizer gives Double or Long; any other number is kept as a double.
        out.put(DOUBLE).putDouble(n.doubleValue());
      } else if (value instanceof List<?> list) {
        room(1 + Integer.BYTES);
        out.put(LIST).putInt(list.size());
        for (Object element : list) {
          value(element);
        }
      } else {
        out.put(STRING);
        string(value.toString());
      }
    }

    /** Makes room for {@code bytes} more, growing the buffer (it is kept for the next entry). */
    private void room(int bytes) {
      if (out.remaining() < bytes) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2,
            out.position() + bytes));
        bigger.put(out.array(), 0, out.position());
        out = bigger;
      }
    }
  }

  /** Reads entries; keeps the text of recent strings, so repeated ones are not decoded again. */
  static final class Decoder {
    private final TextCache text = new TextCache();

    /**
     * The readings of an entry, in the order they were queued.
     *
     * @throws IllegalArgumentException when the bytes are not an entry of a known version, or
     *     its checksum is wrong
     */
    List<Reading> decode(byte[] record) {
      if (!known(record)) {
        throw new IllegalArgumentException("queue entry of unknown version or too short");
      }
      if (!intact(record)) {
        throw new IllegalArgumentException("queue entry damaged: its checksum does not match");
      }
      int version = record[0];
      // The checksum is not part of the readings.
      ByteBuffer in = ByteBuffer.wrap(record, 0,
          version == VERSION ? record.length - Integer.BYTES : record.length);
      try {
        in.get();
        in.getLong();
        int count = version >= VERSION_3 ? in.getInt() : 1;
        if (count < 0 || count > record.length) {
          throw new IllegalArgumentException("queue entry claims " + count + " readings");
        }
        List<Reading> readings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          readings.add(body(in, version));
        }
        return readings;
      } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalStateException e) {
        throw new IllegalArgumentException("queue entry cannot be read: " + e, e);
      }
    }

    private Reading body(ByteBuffer in, int version) {
      String connection = string(in);
      String path = string(in);
      Object value = value(in);
      String unit = bool(in) ? string(in) : null;
      Quality quality = QUALITIES[in.get() & 0xFF];
      Status status = new Status(in.getLong(), string(in));
      Instant sourceTime = bool(in) ? instant(in) : null;
      Instant timestamp = instant(in);
      TimestampSource source = SOURCES[in.get() & 0xFF];
      Instant gatewayTime = instant(in);
      String reason = version >= VERSION_2 && bool(in) ? string(in) : null;
      return new Reading(connection, path, value, unit, quality, status, sourceTime, timestamp,
          source, gatewayTime, reason);
    }

    private @Nullable Object value(ByteBuffer in) {
      int type = in.get() & 0xFF;
      return switch (type) {
        case NULL -> null;
        case DOUBLE -> in.getDouble();
        case LONG -> in.getLong();
        case BOOLEAN -> bool(in);
        case STRING -> string(in);
        case BIG_INTEGER -> new BigInteger(string(in));
        case LIST -> list(in);
        default -> throw new IllegalStateException("unknown value type " + type);
      };
    }

    private List<@Nullable Object> list(ByteBuffer in) {
      int size = in.getInt();
      if (size < 0 || size > in.remaining()) {
        throw new IllegalStateException("array of " + size + " values");
      }
      List<@Nullable Object> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        values.add(value(in));
      }
      return Collections.unmodifiableList(values);
    }

    private String string(ByteBuffer in) {
      int length = in.getInt();
      if (length < 0 || length > in.remaining()) {
        throw new IllegalStateException("string of length " + length + " past the end of the entry");
      }
      String s = text.string(in.array(), in.position(), length);
      in.position(in.position() + length);
      return s;
    }
  }

  /**
   * Strings decoded recently, by their bytes: connection, path, unit and status name repeat from
   * reading to reading. Direct-mapped and bounded; a miss only costs the decoding.
   */
  private static final class TextCache {
    private static final int SLOTS = 4096;
    private static final int LONGEST = 256;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    String string(byte[] source, int offset, int length) {
      if (length > LONGEST) {
        return new String(source, offset, length, StandardCharsets.UTF_8);
      }
      int hash = 1;
      for (int i = offset; i < offset + length; i++) {
        hash = 31 * hash + source[i];
      }
      int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
      byte[] key = keys[slot];
      if (key != null && Arrays.equals(key, 0, key.length, source, offset, offset + length)) {
        return values[slot];
      }
      String s = new String(source, offset, length, StandardCharsets.UTF_8);
      keys[slot] = Arrays.copyOfRange(source, offset, offset + length);
      values[slot] = s;
      return s;
    }
  }

  /** When the entry was queued, read without decoding the rest. */
  static long queuedAt(byte[] record) {
    return bigEndian(record, QUEUED_AT_OFFSET, Long.BYTES);
  }

  private static Instant instant(ByteBuffer in) {
    return Instant.ofEpochSecond(in.getLong(), in.getInt());
  }

  private static boolean bool(ByteBuffer in) {
    return in.get() != 0;
  }

  private static long bigEndian(byte[] bytes, int offset, int length) {
    long v = 0;
    for (int i = offset; i < offset + length; i++) {
      v = (v << 8) | (bytes[i] & 0xFF);
    }
    return v;
  }
}
