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
    public boolean replay(Consumer<List<Reading>> historical) {
      return false;
    }
  };

  /** A reading that was not published live. Called on the node's thread; must not block long. */
  void hold(Reading reading);

  /**
   * Called on the node's thread right after NBIRTH and the DBIRTHs of a new session, and again as
   * long as it returns true: hands the next batch of held readings, oldest first, to
   * {@code historical}, which publishes them as historical DATA of the devices that were born
   * (readings of others are dropped). Between two calls the node handles live readings and
   * commands, so a long backlog does not hold up the present; a batch should be a few thousand
   * readings at most.
   *
   * @return whether more readings are held
   */
  boolean replay(Consumer<List<Reading>> historical);
}
