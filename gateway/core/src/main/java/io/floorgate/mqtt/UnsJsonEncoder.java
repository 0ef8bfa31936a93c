package io.floorgate.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.floorgate.buffer.BufferedReading;
import io.floorgate.config.Range;
import io.floorgate.reading.Reading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Encodes readings and tag metadata as Unified Namespace JSON.
 *
 * <p>Fields are written in a fixed order, and every field is present (null when absent), so
 * payloads are stable for consumers and diff cleanly. Times are ISO-8601 UTC with milliseconds.
 * A reading:
 * <pre>{@code
 * {"value":742.3,"unit":"°C","quality":"GOOD","status":{"code":0,"name":"Good"},
 *  "timestamp":"2026-11-26T07:40:01.250Z","timestampSource":"SOURCE",
 *  "sourceTime":"2026-11-26T07:40:01.250Z","gatewayTime":"2026-11-26T07:40:01.262Z"}
 * }</pre>
 * Values: numbers as JSON numbers (a UInt64 beyond Long exactly), Boolean, text (String,
 * LocalizedText, DateTime as ISO-8601, Guid, ByteString as base64, StatusCode by name), arrays
 * as JSON arrays. A BAD reading the gateway could not represent carries {@code "reason"}. A
 * reading replayed from the store-and-forward backlog carries {@code "historical":true} last, so
 * that every consumer can tell it from live data, also on MQTT 3.1.1 where the MQTT 5 user
 * property of the same name does not exist; live readings leave the field out. The batched form
 * is {@code {"values":[{"path":"jxnmm/isohara/…/tag", …the fields above}, …]}}.
 * Thread-safe: the factory is, and each call has its own generator.
 */
final class UnsJsonEncoder {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final JsonFactory factory = new JsonFactory();
  /**
   * Per thread: the output buffer, and the text of the last second seen, which most timestamps
   * of a reading share. This is the hot path of telemetry; without them a reading allocated
   * several kilobytes (three formatter runs and a fresh buffer).
   */
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  /** The telemetry payload of a live reading. */
  byte[] encode(Reading reading) {
    return encode(reading, false);
  }

  /** The telemetry payload of a reading; {@code historical} when replayed from the backlog. */
  byte[] encode(Reading reading, boolean historical) {
    Scratch local = scratch.get();
    ByteArrayOutputStream out = local.out;
    out.reset();
    try {
      JsonGenerator json = local.generator(factory);
      writeReading(json, reading, local, false, historical);
      json.flush();
    } catch (IOException e) {
      local.discard();
      throw new UncheckedIOException("encoding reading of " + reading.path(), e);
    } catch (RuntimeException e) {
      local.discard();
      throw e;
    }
    return out.toByteArray();
  }

  /** A batched payload and how many readings of the run it holds. */
  record Batch(byte[] payload, int count) {}

  /**
   * The batched payload {@code {"values":[…]}} of the run's first readings: each element is the
   * reading's payload with its {@code path} first. Stops after the reading that takes the payload
   * to {@code maxBytes} or beyond (always holds at least one reading).
   */
  Batch encodeBatch(List<BufferedReading> run, long maxBytes) {
    return encodeBatch(run, maxBytes, false);
  }

  /** As above; {@code historical} marks every reading of a replayed run. */
  Batch encodeBatch(List<BufferedReading> run, long maxBytes, boolean historical) {
    Scratch local = scratch.get();
    ByteArrayOutputStream out = local.out;
    out.reset();
    int count = 0;
    try (JsonGenerator json = factory.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("values");
      for (BufferedReading item : run) {
        writeReading(json, item.reading(), local, true, historical);
        count++;
        json.flush();
        if (out.size() >= maxBytes) {
          break;
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a batch of " + run.size() + " readings", e);
    }
    return new Batch(out.toByteArray(), count);
  }

  private static void writeReading(JsonGenerator json, Reading reading, Scratch local,
      boolean withPath, boolean historical) throws IOException {
    json.writeStartObject();
    if (withPath) {
      json.writeStringField("path", reading.path());
    }
    json.writeFieldName("value");
    writeValue(json, reading.value());
    json.writeStringField("unit", reading.unit());
    json.writeStringField("quality", reading.quality().name());
    json.writeObjectFieldStart("status");
    json.writeNumberField("code", reading.status().code());
    json.writeStringField("name", reading.status().name());
    json.writeEndObject();
    json.writeFieldName("timestamp");
    local.writeTime(json, reading.timestamp());
    json.writeStringField("timestampSource", reading.timestampSource().name());
    json.writeFieldName("sourceTime");
    local.writeTime(json, reading.sourceTime());
    json.writeFieldName("gatewayTime");
    local.writeTime(json, reading.gatewayTime());
    if (reading.reason() != null) {
      // Only on the rare BAD reading that has one, so ordinary payloads stay as they were.
      json.writeStringField("reason", reading.reason());
    }
    if (historical) {
      json.writeBooleanField("historical", true);
    }
    json.writeEndObject();
  }

  /** A thread's reusable buffers. */
  private static final class Scratch {
    /** Keeps its capacity across {@code reset()}: a batch of 100 kB is not grown again each time. */
    final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    /**
     * The generator of single readings, kept over {@link #out}: one payload after another as root
     * values with nothing between them, instead of a new generator (its context and recycled
     * buffers) for every reading.
     */
    private @Nullable JsonGenerator generator;

    JsonGenerator generator(JsonFactory factory) throws IOException {
      JsonGenerator json = generator;
      if (json == null) {
        json = factory.createGenerator(out);
        json.setRootValueSeparator(null);
        generator = json;
      }
      return json;
    }

    /** After a failure the generator may be inside a value: the next reading gets a new one. */
    void discard() {
      generator = null;
    }
    /** {@code uuuu-MM-ddTHH:mm:ss.SSSZ}: the second's text is kept, the milliseconds written. */
    final char[] time = new char[24];
    long second = Long.MIN_VALUE;

    void writeTime(JsonGenerator json, @Nullable Instant instant) throws IOException {
      if (instant == null) {
        json.writeNull();
        return;
      }
      long epochSecond = instant.getEpochSecond();
      if (epochSecond != second) {
        String text = TIME.format(instant);
        if (text.length() != time.length) {
          json.writeString(text); // years beyond 9999: not worth a fast path
          return;
        }
        text.getChars(0, 20, time, 0);
        second = epochSecond;
      }
      int millis = instant.getNano() / 1_000_000;
      time[20] = (char) ('0' + millis / 100);
      time[21] = (char) ('0' + millis / 10 % 10);
      time[22] = (char) ('0' + millis % 10);
      time[23] = 'Z';
      json.writeString(time, 0, time.length);
    }
  }

  /** The retained {@code _meta} payload of a tag; enum codes in ascending order. */
  byte[] encodeMeta(TagMeta meta) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = factory.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("unit", meta.unit());
      Range range = meta.range();
      if (range == null) {
        json.writeNullField("range");
      } else {
        json.writeObjectFieldStart("range");
        json.writeFieldName("low");
        writeNumber(json, range.low());
        json.writeFieldName("high");
        writeNumber(json, range.high());
        json.writeEndObject();
      }
      json.writeStringField("description", meta.description());
      json.writeStringField("connection", meta.connection());
      json.writeStringField("node", meta.node());
      json.writeStringField("sourceUnit", meta.sourceUnit());
      json.writeObjectFieldStart("enum");
      for (Map.Entry<Long, String> state : new TreeMap<>(meta.enumMap()).entrySet()) {
        json.writeStringField(Long.toString(state.getKey()), state.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("encoding metadata of " + meta.path(), e);
    }
    return out.toByteArray();
  }

  /** ISO-8601 UTC, always with milliseconds (unlike {@link Instant#toString()}). */
  static @Nullable String time(@Nullable Instant instant) {
    return instant == null ? null : TIME.format(instant);
  }

  private static void writeValue(JsonGenerator json, @Nullable Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof BigInteger big) {
      json.writeNumber(big);
    } else if (value instanceof Number n) {
      json.writeNumber(n.doubleValue());
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object element : list) {
        writeValue(json, element);
      }
      json.writeEndArray();
    } else {
      json.writeString(value.toString());
    }
  }

  /** Range limits such as 0 and 1100 read better without a trailing {@code .0}. */
  private static void writeNumber(JsonGenerator json, double value) throws IOException {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      json.writeNumber((long) value);
    } else {
      json.writeNumber(value);
    }
  }
}
