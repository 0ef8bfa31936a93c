/**
 * Alarms at the edge, as ISA-18.2 / IEC 62682 describe them: rules evaluated on normalized
 * readings (limits, deviation, rate of change, discrete states, bad quality) with deadband and
 * on/off delays against chattering; the alarm state machine (normal, unacknowledged, acknowledged,
 * returned-to-normal unacknowledged, shelved, suppressed by design, out of service); the engine
 * that runs them on a thread of its own; alarm state kept across restarts; and the dedicated alarm
 * MQTT connection.
 *
 * <p>The seam is {@link io.floorgate.alarm.AlarmEngine}: readings go in with {@code offer} (never
 * blocks), operator commands return futures, and every transition reaches each
 * {@link io.floorgate.alarm.AlarmListener} as an {@link io.floorgate.alarm.AlarmEvent}.
 */
@NullMarked
package io.floorgate.alarm;

import org.jspecify.annotations.NullMarked;
