package io.floorgate.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values the normalizer gives besides scalars survive the queue as they were. */
class ReadingCodecTest {

  static final Instant T0 = Instant.parse("2026-11-26T07:40:01.250Z");

  static Reading of(Object value) {
    return new Reading("plc", "jxnmm/isohara/area/plc/tag", value, null, Quality.GOOD,
        Status.GOOD, T0, T0, TimestampSource.SOURCE, T0);
  }

  @Test
  void arraysComeBackAsArraysNotAsTheirText() {
    Reading array = of(List.of(1.5, 2.5, -3.0));
    Reading mixed = of(List.of(1L, "two", true));
    assertEquals(array, ReadingCodec.decode(ReadingCodec.encode(array, 0)));
    assertEquals(mixed, ReadingCodec.decode(ReadingCodec.encode(mixed, 0)));
  }

  @Test
  void aUInt64BeyondALongStaysExact() {
    Reading big = of(new BigInteger("18446744073709551615"));
    assertEquals(big, ReadingCodec.decode(ReadingCodec.encode(big, 0)));
  }
}
