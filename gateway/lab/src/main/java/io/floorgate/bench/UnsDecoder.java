package io.floorgate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.CharBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads load values out of the gateway's UNS JSON: one value per message, or a batch
 * {@code {"values":[{"path":…,"value":…,…,"sourceTime":…},…]}} whose elements are the per-tag
 * payload with the tag's path ({@code enterprise/site/area/…/tag}) first. Only {@code path},
 * {@code value} and {@code sourceTime} are read; every other field is skipped.
 *
 * <p>It runs on the subscriber's one Paho thread for every value of a run, so it streams and makes
 * no String per value: a path is matched and its index read in Jackson's own character buffer, and
 * the gateway's time format is read in place rather than by {@link Instant#parse}, which allocates
 * about a kilobyte a call.
 */
final class UnsDecoder {

  /** Receives the load values of a batch, in order. */
  interface Sink {
    /** A load value: the variable's index (not checked against the number of tags). */
    void value(int index, double value, long sourceMillis);

    /** An element under the load path without a number or a readable source time (a BAD value). */
    void unreadable();
  }

  /** What one message carries: a value and its source time. */
  record Parsed(double value, long sourceMillis) {}

  private static final JsonFactory JSON = new JsonFactory();

  /** {@link Fields#index} of an element whose path is not a load variable's (or that has none). */
  private static final int NOT_LOAD = -2;

  /** {@code <load path>/v}: what a load variable's path is before its index. */
  private final char[] loadPrefix;

  /** {@code loadPath}: the load variables' path, without topic prefix or index. */
  UnsDecoder(String loadPath) {
    this.loadPrefix = (loadPath + "/v").toCharArray();
  }

  /**
   * Hands every load element of a batch to {@code sink}; elements of other tags (the alarm probe)
   * are skipped. Returns false when the payload is not a batch, or breaks off (the elements before
   * the break have been handed over).
   */
  boolean batch(byte[] payload, Sink sink) {
    Fields f = new Fields();
    boolean batch = false;
    try (JsonParser p = JSON.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken token = p.nextToken();
        if (!"values".equals(field) || token != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        batch = true;
        for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
          if (t == null) {
            return false;
          }
          if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            continue;
          }
          read(p, f, loadPrefix);
          if (f.index == NOT_LOAD) {
            continue;
          }
          if (f.index < 0 || Double.isNaN(f.value) || f.source < 0) {
            sink.unreadable();
          } else {
            sink.value(f.index, f.value, f.source);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return batch;
  }

  /** Reads {@code value} and {@code sourceTime} from a one-value UNS payload; null when it has none. */
  static @Nullable Parsed parse(byte[] payload) {
    Fields f = new Fields();
    try (JsonParser p = JSON.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      read(p, f, null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return Double.isNaN(f.value) || f.source < 0 ? null : new Parsed(f.value, f.source);
  }

  /** The fields of one object, reused for every element of a batch. */
  private static final class Fields {
    int index;
    double value;
    long source;
  }

  /** Reads one object's fields, its start already consumed, up to and including its end. */
  private static void read(JsonParser p, Fields f, char @Nullable [] loadPrefix) throws IOException {
    f.index = NOT_LOAD;
    f.value = Double.NaN;
    f.source = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = p.nextToken();
      if (token == JsonToken.VALUE_STRING && "path".equals(field) && loadPrefix != null) {
        f.index = loadIndex(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), loadPrefix);
      } else if (token.isNumeric() && "value".equals(field)) {
        f.value = p.getDoubleValue();
      } else if (token == JsonToken.VALUE_STRING && "sourceTime".equals(field)) {
        f.source = epochMillis(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      } else {
        p.skipChildren();
      }
    }
  }

  /**
   * The index of {@code <prefix>NNNNN}: {@link #NOT_LOAD} when the path does not start with the
   * prefix, -1 when what follows it is not a number.
   */
  static int loadIndex(char[] c, int off, int len, char[] prefix) {
    if (len < prefix.length || !Arrays.equals(c, off, off + prefix.length, prefix, 0,
        prefix.length)) {
      return NOT_LOAD;
    }
    int digits = len - prefix.length;
    int n = digits == 0 || digits > 9 ? -1 : 0;
    for (int i = off + prefix.length; n >= 0 && i < off + len; i++) {
      int d = c[i] - '0';
      n = d < 0 || d > 9 ? -1 : n * 10 + d;
    }
    return n;
  }

  /**
   * Epoch milliseconds of an ISO-8601 UTC time, -1 when it is none. The gateway's fixed form
   * {@code 2026-11-26T07:40:01.250Z} is read in place; any other (the baseline's
   * {@code Instant.toString()}, which drops a zero fraction) goes through {@link Instant#parse}.
   */
  static long epochMillis(char[] c, int off, int len) {
    if (len == 24 && c[off + 4] == '-' && c[off + 7] == '-' && c[off + 10] == 'T'
        && c[off + 13] == ':' && c[off + 16] == ':' && c[off + 19] == '.' && c[off + 23] == 'Z') {
      int year = digits(c, off, 4);
      int month = digits(c, off + 5, 2);
      int day = digits(c, off + 8, 2);
      int hour = digits(c, off + 11, 2);
      int minute = digits(c, off + 14, 2);
      int second = digits(c, off + 17, 2);
      int millis = digits(c, off + 20, 3);
      if (year >= 0 && month >= 0 && day >= 0 && millis >= 0 && hour >= 0 && hour < 24
          && minute >= 0 && minute < 60 && second >= 0 && second < 60) {
        try {
          long epochDay = LocalDate.of(year, month, day).toEpochDay();
          return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
        } catch (DateTimeException e) {
          return -1;
        }
      }
    }
    try {
      return Instant.parse(CharBuffer.wrap(c, off, len)).toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      return -1;
    }
  }

  /** The number written by {@code n} ASCII digits, or -1. */
  private static int digits(char[] c, int off, int n) {
    int v = 0;
    for (int i = off; i < off + n; i++) {
      int d = c[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
