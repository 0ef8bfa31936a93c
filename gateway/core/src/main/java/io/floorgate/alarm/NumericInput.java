package io.floorgate.alarm;

import io.floorgate.reading.Reading;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbers a maintenance rule reads. {@code check} refuses a trend or disagreement on a tag
 * that is declared without numbers, but a PLC can still send a state name or a boolean: such a
 * value is ignored, and the first one is logged once for the rule, with the fix.
 */
final class NumericInput {

  private static final Logger log = LoggerFactory.getLogger(NumericInput.class);

  private final AlarmRule rule;
  private boolean warned;

  NumericInput(AlarmRule rule) {
    this.rule = rule;
  }

  /** The reading's value as a number; null (ignored) when it is none. */
  @Nullable Double of(Reading reading) {
    Double v = Values.number(reading.value());
    if (v == null && reading.value() != null && !warned) {
      warned = true;
      log.warn("Alarm {} ({} rule on {}) ignores the value '{}' of {}: it is not a number; point "
              + "the rule at a numeric tag, or remove the rule (further values that are not "
              + "numbers are ignored silently)", rule.id(), rule.kind().configWord(),
          rule.config().tag(), reading.value(), reading.path());
    }
    return v;
  }
}
