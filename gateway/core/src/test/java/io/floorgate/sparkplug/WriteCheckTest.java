package io.floorgate.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.Range;
import io.floorgate.config.TagConfig;
import io.floorgate.config.ValueType;
import java.math.BigInteger;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WriteCheckTest {

  static TagConfig writable(ValueType type, @Nullable Range range) {
    return new TagConfig("rhk01/x", "ns=2;s=X", null, null, null, null, Map.of(), range, null,
        true, type);
  }

  static Stream<Arguments> accepted() {
    Range r = new Range(0, 100);
    return Stream.of(
        Arguments.of(writable(ValueType.DOUBLE, r), 42.5, 42.5),
        Arguments.of(writable(ValueType.DOUBLE, r), 42, 42.0),
        Arguments.of(writable(ValueType.DOUBLE, r), 100.0f, 100.0),
        Arguments.of(writable(ValueType.FLOAT, r), 0.1, 0.1f),
        Arguments.of(writable(ValueType.INT16, r), 7L, (short) 7),
        Arguments.of(writable(ValueType.INT32, r), 7.0, 7),
        Arguments.of(writable(ValueType.INT64, r), BigInteger.TEN, 10L),
        Arguments.of(writable(ValueType.BOOLEAN, null), true, true),
        Arguments.of(writable(ValueType.STRING, null), "B-0042", "B-0042"));
  }

  @ParameterizedTest
  @MethodSource
  void accepted(TagConfig tag, Object commanded, Object written) {
    WriteCheck.Verdict verdict = WriteCheck.check(tag, commanded);

    assertNull(verdict.refusal());
    assertEquals(written, verdict.value());
  }

  static Stream<Arguments> refused() {
    Range r = new Range(0, 100);
    return Stream.of(
        Arguments.of(writable(ValueType.DOUBLE, r), 100.5, "outside the tag's range 0..100"),
        Arguments.of(writable(ValueType.DOUBLE, r), -1, "outside the tag's range 0..100"),
        Arguments.of(writable(ValueType.DOUBLE, r), Double.NaN, "not a finite number"),
        Arguments.of(writable(ValueType.DOUBLE, r), "50", "takes a number (double)"),
        Arguments.of(writable(ValueType.DOUBLE, r), true, "takes a number (double)"),
        Arguments.of(writable(ValueType.INT32, r), 2.5, "whole number (int32)"),
        Arguments.of(writable(ValueType.INT16, new Range(-40_000, 40_000)), 35_000L,
            "does not fit int16"),
        Arguments.of(writable(ValueType.BOOLEAN, null), 1L, "takes a boolean"),
        Arguments.of(writable(ValueType.STRING, null), 5, "takes a string"),
        Arguments.of(writable(ValueType.DOUBLE, r), null, "carries no value"));
  }

  @ParameterizedTest
  @MethodSource
  void refused(TagConfig tag, @Nullable Object commanded, String reason) {
    WriteCheck.Verdict verdict = WriteCheck.check(tag, commanded);

    assertNull(verdict.value());
    assertTrue(verdict.refusal() != null && verdict.refusal().contains(reason),
        verdict.refusal());
  }

  @Test
  void aTagNotMarkedWritableTakesNothing() {
    TagConfig readOnly = new TagConfig("rhk01/x", "ns=2;s=X", null, null, null, null, Map.of(),
        new Range(0, 100), null);

    assertTrue(WriteCheck.check(readOnly, 50.0).refusal().contains("not writable"));
  }
}
