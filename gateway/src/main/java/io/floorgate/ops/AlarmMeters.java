package io.floorgate.ops;

import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmEngine;
import io.floorgate.alarm.AlarmState;
import io.floorgate.config.AlarmPriority;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.function.IntSupplier;

/** Alarms by priority and state, the engine's drops, and the WebSocket clients of the server. */
final class AlarmMeters implements MeterBinder {

  private final GatewaySource gateway;
  private final IntSupplier webSocketClients;

  AlarmMeters(GatewaySource gateway, IntSupplier webSocketClients) {
    this.gateway = gateway;
    this.webSocketClients = webSocketClients;
  }

  @Override
  public void bindTo(MeterRegistry r) {
    for (AlarmPriority p : AlarmPriority.values()) {
      for (AlarmState s : AlarmState.values()) {
        if (s == AlarmState.NORMAL) {
          continue;
        }
        Gauge.builder("floorgate.alarms", gateway, g -> count(g, p, s))
            .tag("priority", p.name().toLowerCase(Locale.ROOT))
            .tag("state", s.name().toLowerCase(Locale.ROOT))
            .description("alarms in this state (not normal), by priority").register(r);
      }
    }
    FunctionCounter.builder("floorgate.alarms.readings.dropped", gateway, g -> {
      AlarmEngine e = g.alarms();
      return e == null ? 0 : e.droppedReadings();
    }).description("readings of alarm tags the engine's queue had no room for").register(r);
    Gauge.builder("floorgate.api.websocket.clients", webSocketClients, IntSupplier::getAsInt)
        .description("open WebSocket streams (alarm stream and status page)").register(r);
  }

  private static int count(GatewaySource g, AlarmPriority p, AlarmState s) {
    AlarmEngine e = g.alarms();
    if (e == null) {
      return 0;
    }
    int n = 0;
    for (Alarm a : e.alarms()) {
      if (a.priority() == p && a.state() == s) {
        n++;
      }
    }
    return n;
  }
}
