package io.floorgate.api;

import io.floorgate.alarm.AlarmEvent;

/** Observes the WebSocket lane, for the benchmark: called on the client's event loop. */
public interface StreamProbe {

  /** A transition's frame was written to a client's socket. */
  void written(AlarmEvent event);
}
