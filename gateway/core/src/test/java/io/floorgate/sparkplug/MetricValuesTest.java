package io.floorgate.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floorgate.config.Range;
import io.floorgate.config.TagConfig;
import io.floorgate.config.ValueType;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.tahu.message.model.MetricDataType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MetricValuesTest {

  static MetricState metric(@Nullable ValueType declared) {
    TagConfig tag = declared == null
        ? new TagConfig("rhk01/x", "ns=2;s=X", null, null, null, null, Map.of(), null, null)
        : new TagConfig("rhk01/x", "ns=2;s=X", null, null, null, null, Map.of(),
            new Range(0, 1000), null, true, declared);
    return new MetricState(new DeviceState("rhk01", Duration.ZERO), "rhk01/x", 1, tag,
        MetricValues.declaredType(declared));
  }

  static Reading reading(@Nullable Object value) {
    Instant now = Instant.now();
    return new Reading("rhk01", "p", value, null, Quality.GOOD, Status.GOOD, now, now,
        TimestampSource.SOURCE, now);
  }

  @Test
  void theFirstValueGivesTheType() {
    MetricState m = metric(null);

    assertEquals(MetricValues.Outcome.UPDATED, MetricValues.apply(m, reading(41L)));
    assertEquals(MetricDataType.Int64, m.type);
    assertEquals(41L, m.value);
  }

  @Test
  void anIntegerMetricThatSendsAFractionBecomesDouble() {
    MetricState m = metric(null);
    MetricValues.apply(m, reading(41L));

    assertEquals(MetricValues.Outcome.TYPE_CHANGED, MetricValues.apply(m, reading(41.5)));
    assertEquals(MetricDataType.Double, m.type);
    assertEquals(41.5, m.value);
    assertEquals(MetricValues.Outcome.UPDATED, MetricValues.apply(m, reading(42L)));
    assertEquals(42.0, m.value);
  }

  @Test
  void aNumberThatSendsTextBecomesString() {
    MetricState m = metric(null);
    MetricValues.apply(m, reading(1.5));

    assertEquals(MetricValues.Outcome.TYPE_CHANGED, MetricValues.apply(m, reading("unknown(7)")));
    assertEquals(MetricDataType.String, m.type);
  }

  @Test
  void aDeclaredTypeIsKeptAndWhatDoesNotFitIsBad() {
    MetricState m = metric(ValueType.INT16);

    assertEquals(MetricValues.Outcome.UPDATED, MetricValues.apply(m, reading(12L)));
    assertEquals((short) 12, m.value);
    assertEquals(MetricValues.Outcome.UPDATED, MetricValues.apply(m, reading(70_000L)));
    assertEquals(MetricDataType.Int16, m.type);
    assertNull(m.value);
    assertEquals(Quality.BAD, m.quality);
  }

  @Test
  void aBadReadingHasNoValueButKeepsTheType() {
    MetricState m = metric(null);
    MetricValues.apply(m, reading(3.0));

    MetricValues.apply(m, new Reading("rhk01", "p", null, null, Quality.BAD,
        new Status(0x80000000L, "Bad"), null, Instant.now(), TimestampSource.GATEWAY,
        Instant.now()));

    assertNull(m.value);
    assertEquals(MetricDataType.Double, m.type);
    assertEquals(Quality.BAD, m.quality);
  }
}
