/**
 * Maintenance counters: the run hours and start counts of a machine, counted from its alarm rules
 * of type {@code runHours} and {@code count} against a service interval. The alarm engine owns
 * the counters (it feeds them readings and ticks on its one thread, and raises their alarms);
 * this package holds what a counter is, how its values are kept across restarts, and the views
 * the API, the UNS, the status page and {@code /metrics} read.
 */
@NullMarked
package io.floorgate.maintenance;

import org.jspecify.annotations.NullMarked;
