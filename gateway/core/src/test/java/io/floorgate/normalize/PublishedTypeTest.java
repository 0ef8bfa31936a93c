package io.floorgate.normalize;

import static io.floorgate.normalize.Fixtures.normalizer;
import static io.floorgate.normalize.Fixtures.sample;
import static io.floorgate.normalize.Fixtures.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floorgate.config.Scaling;
import io.floorgate.driver.SourceType;
import io.floorgate.driver.Status;
import io.floorgate.reading.Reading;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reading's source type is the type of what the tag publishes, after its transform. */
class PublishedTypeTest {

  @Test
  void anUntransformedValueKeepsItsSourceType() {
    Reading r = normalizer(tag("rhk01/counter")).normalize(
        sample("rhk01/counter", 7L).withSourceType(SourceType.UINT64)).orElseThrow();

    assertEquals(SourceType.UINT64, r.sourceType());
  }

  @Test
  void aScaledIntegerIsADouble() {
    Reading r = normalizer(tag("rhk01/flow").unit("l/min")
        .scaling(new Scaling(0, 27648, 0, 400, true))).normalize(
        sample("rhk01/flow", 13824L).withSourceType(SourceType.INT16)).orElseThrow();

    assertEquals(SourceType.DOUBLE, r.sourceType());
    assertEquals(200.0, r.value());
  }

  @Test
  void anEnumCodeIsItsNameAsAString() {
    Reading r = normalizer(tag("mx01/state").enumMap(Map.of(2L, "mixing"))).normalize(
        sample("mx01/state", 2L).withSourceType(SourceType.INT32)).orElseThrow();

    assertEquals(SourceType.STRING, r.sourceType());
  }

  @Test
  void aBadNullValueStillSaysItsType() {
    Reading r = normalizer(tag("rhk01/batch")).normalize(sample("rhk01/batch", null,
        new Status(0x80000000L, "Bad")).withSourceType(SourceType.STRING)).orElseThrow();

    assertNull(r.value());
    assertEquals(SourceType.STRING, r.sourceType());
  }

  @Test
  void anArrayKeepsItsArrayType() {
    Reading r = normalizer(tag("rhk01/profile")).normalize(sample("rhk01/profile",
        List.of(1L, 2L)).withSourceType(SourceType.INT32_ARRAY)).orElseThrow();

    assertEquals(SourceType.INT32_ARRAY, r.sourceType());
  }
}
