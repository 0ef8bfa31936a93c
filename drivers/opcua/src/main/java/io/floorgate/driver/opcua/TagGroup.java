package io.floorgate.driver.opcua;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.UaException;

/** One configured tag group, acquired by subscription or by polling. */
interface TagGroup {

  String name();

  /** The tags whose node ids parsed, in configuration order. */
  List<ResolvedTag> tags();

  /**
   * Reads every tag once and delivers the values: after a link loss reported the tags BAD, a
   * subscription that survived (transferred) would otherwise only report values that change.
   * Blocking; called on the driver's thread.
   */
  default void refresh(OpcUaClient client, ServerLimits limits) {}

  /** Retries tags the server refused (e.g. unknown nodes); called periodically. */
  default void retryFailed() throws UaException {}

  /** Called once, on the driver's thread, after the first session is open. */
  void open(OpcUaClient client, ServerLimits limits) throws UaException;

  /**
   * Makes the group whole again after the session came back or the server lost its subscription.
   * Idempotent; called on the driver's thread. Throws when the server could not be asked.
   */
  void restore() throws UaException;

  /** Stops acquiring and cleans up on the server; the future completes when done (or failed). */
  CompletableFuture<?> close();
}
