/**
 * Notifications that reach people: alarm transitions routed to receivers (Prometheus
 * Alertmanager, a webhook, e-mail), with repeats, escalation when an alarm stays unacknowledged,
 * quiet grouping of bursts, and a durable on-disk outbox so that a receiver's outage (or a
 * {@code kill -9} of the gateway) loses no notification.
 *
 * <p>The seam is {@link io.floorgate.notify.NotifyOutput}, an {@link io.floorgate.output.Output}
 * that listens to the alarm engine: the engine's thread only hands each event over (a bounded
 * queue, drops counted); a dispatcher thread routes it into the outbox; one sender thread per
 * receiver delivers, retrying with backoff.
 */
@NullMarked
package io.floorgate.notify;

import org.jspecify.annotations.NullMarked;
