/**
 * Store-and-forward: a bounded queue of readings on disk (H2 MVStore) between the encoders and the
 * telemetry connection. Every reading is appended before it is sent and removed only when the
 * broker has acknowledged it, so what was accepted survives a broker outage and a {@code kill -9}
 * of the gateway. The queue is bounded by bytes and by age, and every reading that gives way is
 * counted.
 *
 * <p>Entries are whole {@link io.floorgate.reading.Reading}s with their original timestamps, not
 * encoded payloads, so that every encoder can send them: the UNS JSON publisher as they are, a
 * Sparkplug edge node as DATA with {@code is_historical=true} after its births. A buffer has one
 * reader that acknowledges: each telemetry connection gets a directory of its own.
 */
@NullMarked
package io.floorgate.buffer;

import org.jspecify.annotations.NullMarked;
