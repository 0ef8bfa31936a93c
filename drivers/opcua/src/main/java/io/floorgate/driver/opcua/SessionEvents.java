package io.floorgate.driver.opcua;

import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;

/**
 * Milo calls a session listener on its own threads; this one only hands the news to the driver,
 * which posts the work to its thread.
 */
final class SessionEvents implements SessionActivityListener {

  private final Runnable active;
  private final Runnable inactive;

  SessionEvents(Runnable active, Runnable inactive) {
    this.active = active;
    this.inactive = inactive;
  }

  @Override
  public void onSessionActive(UaSession session) {
    active.run();
  }

  @Override
  public void onSessionInactive(UaSession session) {
    inactive.run();
  }
}
