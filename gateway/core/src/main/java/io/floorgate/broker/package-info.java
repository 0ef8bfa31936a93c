/**
 * The one kind of broker connection every MQTT lane uses (UNS telemetry, Sparkplug, alarms): Paho
 * clients and connect options built from a lane's {@link io.floorgate.config.BrokerConfig} (URL
 * list, TLS, credentials, clean start, keep-alive), one backoff with jitter, the in-flight window
 * sized from the CONNACK's Receive Maximum, and failures and reason codes in words an operator
 * can act on. The lanes keep what is theirs: what they publish, and on which thread.
 */
@NullMarked
package io.floorgate.broker;

import org.jspecify.annotations.NullMarked;
