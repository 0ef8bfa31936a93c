package io.floorgate.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
