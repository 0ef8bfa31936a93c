package io.floorgate.sparkplug;

import io.floorgate.reading.Reading;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the node puts readings it cannot publish live (no MQTT session, or the primary host
 * offline), and where it takes them back from after its births, to publish them as DATA with
 * {@code is_historical=true} and their original timestamps. This is the seam for store-and-forward;
 * {@link #NONE} keeps nothing (the births still carry every metric's latest value).
 */
public interface Backlog {

  /** Keeps nothing. */
  Backlog NONE = new Backlog() {
    @Override
    public void hold(Reading reading) {}

    @Override
    public void replay(Consumer<List<Reading>> historical) {}
  };

  /** A reading that was not published live. Called on the node's thread; must not block long. */
  void hold(Reading reading);

  /**
   * Called on the node's thread right after NBIRTH and the DBIRTHs of a new session: hands the
   * held readings, oldest first, in batches to {@code historical}, which publishes them as
   * historical DATA of the devices that were born (readings of others are dropped).
   */
  void replay(Consumer<List<Reading>> historical);
}
