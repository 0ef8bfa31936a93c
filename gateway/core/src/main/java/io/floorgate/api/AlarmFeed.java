package io.floorgate.api;

import io.floorgate.alarm.AlarmEngine;
import io.floorgate.alarm.AlarmLatency;
import io.floorgate.alarm.AlarmListener;
import java.util.List;

/**
 * Where the stream gets alarms from: a subscription that first delivers a snapshot, then every
 * transition. The alarm engine is one; tests give a feed of their own.
 */
public interface AlarmFeed {

  void subscribe(AlarmListener listener);

  void unsubscribe(AlarmListener listener);

  /** Where the stream times each RAISE's frame; a feed of its own records nowhere. */
  default AlarmLatency latency() {
    return new AlarmLatency();
  }

  /** The engine's alarms. */
  static AlarmFeed of(AlarmEngine engine) {
    return new AlarmFeed() {
      @Override
      public void subscribe(AlarmListener listener) {
        engine.subscribe(listener);
      }

      @Override
      public void unsubscribe(AlarmListener listener) {
        engine.unsubscribe(listener);
      }

      @Override
      public AlarmLatency latency() {
        return engine.latency();
      }
    };
  }

  /** No alarms configured: an empty snapshot, then nothing. */
  static AlarmFeed none() {
    return new AlarmFeed() {
      @Override
      public void subscribe(AlarmListener listener) {
        listener.snapshot(List.of());
      }

      @Override
      public void unsubscribe(AlarmListener listener) {}
    };
  }
}
