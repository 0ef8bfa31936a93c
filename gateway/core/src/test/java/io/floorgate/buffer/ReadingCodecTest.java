package io.floorgate.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every value the driver can deliver comes out of the queue as it went in. */
class ReadingCodecTest {

  static Stream<Object> values() {
    return Stream.of(741.25, 42L, true, "B2611-0042", new BigInteger("18446744073709551615"),
        List.of(1.5, 2.5, -3.0), List.of("a", "b"), Arrays.asList(1L, null, 3L), List.of(List.of(1L)));
  }

  @ParameterizedTest
  @MethodSource("values")
  void valueSurvivesTheQueue(Object value) {
    Instant t = Instant.parse("2026-11-26T07:40:01.250Z");
    Reading in = new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/x", value, "°C",
        Quality.GOOD, Status.GOOD, t, t, TimestampSource.SOURCE, t.plusMillis(5));

    Reading out = ReadingCodec.decode(ReadingCodec.encode(in, 1L));

    assertEquals(in, out);
  }

  @Test
  void reasonOfABadReadingSurvivesTheQueue() {
    Instant t = Instant.parse("2026-11-26T07:40:01.250Z");
    Reading in = new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/x", null, null,
        Quality.BAD, new Status(0x80B70000L, "Bad_DataEncodingUnsupported"), null, t,
        TimestampSource.GATEWAY, t, "a structure has no JSON form");

    assertEquals(in, ReadingCodec.decode(ReadingCodec.encode(in, 1L)));
  }

  @Test
  void anEntryOfTheEarlierOneReadingLayoutIsStillRead() {
    Reading in = temperature();
    byte[] v3 = version3(ReadingCodec.encode(in, 1L));
    // Version 2: the same reading without the count after queuedAt.
    byte[] v2 = new byte[v3.length - Integer.BYTES];
    System.arraycopy(v3, 0, v2, 0, 9);
    System.arraycopy(v3, 13, v2, 9, v3.length - 13);
    v2[0] = 2;

    assertEquals(in, ReadingCodec.decode(v2));
    assertEquals(1, ReadingCodec.count(v2));
    assertEquals(1L, ReadingCodec.queuedAt(v2));
  }

  @Test
  void anEntryOfTheLayoutWithoutChecksumIsStillRead() {
    Reading in = temperature();
    byte[] v3 = version3(ReadingCodec.encode(in, 1L));

    assertTrue(ReadingCodec.intact(v3));
    assertEquals(in, ReadingCodec.decode(v3));
    assertEquals(1, ReadingCodec.count(v3));
  }

  @Test
  void anEntryWithOneBitFlippedAnywhereIsRefusedAsDamaged() {
    Reading in = temperature();
    byte[] entry = ReadingCodec.encode(in, 1L);
    assertTrue(ReadingCodec.intact(entry));

    for (int i = 1; i < entry.length; i++) {
      byte[] damaged = entry.clone();
      damaged[i] ^= 0x10;
      assertFalse(ReadingCodec.intact(damaged), "byte " + i);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ReadingCodec.decode(damaged));
      assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
  }

  private static Reading temperature() {
    Instant t = Instant.parse("2026-11-26T07:40:01.250Z");
    return new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/zone03/temperature", 741.25,
        "°C", Quality.GOOD, Status.GOOD, t, t, TimestampSource.SOURCE, t.plusMillis(5));
  }

  /** Version 3: the version 4 entry without its checksum. */
  private static byte[] version3(byte[] v4) {
    byte[] v3 = java.util.Arrays.copyOf(v4, v4.length - Integer.BYTES);
    v3[0] = 3;
    return v3;
  }

  @Test
  void readingsOfOneEntryComeBackInOrderWithTextInAnyScript() {
    Instant t = Instant.parse("2026-11-26T07:40:01.250Z");
    List<Reading> in = List.of(
        new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/a", 1.0, "°C", Quality.GOOD,
            Status.GOOD, t, t, TimestampSource.SOURCE, t),
        new Reading("rhk01", "jxnmm/isohara/焼成/rhk01/b", "ロット 7", null, Quality.GOOD,
            Status.GOOD, t, t, TimestampSource.SOURCE, t),
        new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/a", 2.0, "°C", Quality.GOOD,
            Status.GOOD, t, t, TimestampSource.SOURCE, t));

    byte[] entry = new ReadingCodec.Encoder().encode(in, 7L);

    assertEquals(3, ReadingCodec.count(entry));
    assertEquals(in, new ReadingCodec.Decoder().decode(entry));
  }
}
