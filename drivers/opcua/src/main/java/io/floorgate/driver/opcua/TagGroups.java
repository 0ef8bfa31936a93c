package io.floorgate.driver.opcua;

import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.TagGroupSpec;
import io.floorgate.driver.TagSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a connection's tag groups from the node ids bound to the server's namespaces
 * ({@link NamespaceBinding}); they are built again whenever the binding changes.
 */
final class TagGroups {

  private static final Logger log = LoggerFactory.getLogger(TagGroups.class);

  private TagGroups() {}

  /** Reports BAD, once at start, each tag whose node id does not parse; no group holds it. */
  static void reportInvalid(ConnectionSpec spec, NamespaceBinding.Bound bound, Delivery delivery) {
    for (TagGroupSpec g : spec.groups()) {
      for (TagSpec t : g.tags()) {
        if (!bound.nodes().containsKey(t.nodeId()) && !bound.refuses(t.nodeId())) {
          log.warn("opcua connection '{}': tag '{}' in group '{}' has an invalid node id '{}' "
                  + "(expected e.g. ns=2;s=RHK01.Zone03.TempPV); it is reported BAD",
              spec.name(), t.key(), g.name(), t.nodeId());
          delivery.bad(new ResolvedTag(t, NodeId.NULL_VALUE),
              new StatusCode(StatusCodes.Bad_NodeIdInvalid));
        }
      }
    }
  }

  /**
   * The groups with the node ids of {@code bound}; a tag whose namespace is refused is left out
   * and reported BAD ({@code Bad_NodeIdUnknown}; {@link NamespaceBinding} logged why).
   *
   * @param requestRestore posts a restore of all groups to the driver's thread
   * @param scheduler      the driver's thread, for polling timers
   * @param acquiring      whether the session is up with its namespaces bound (polling skips
   *                       ticks otherwise)
   */
  static List<TagGroup> build(ConnectionSpec spec, NamespaceBinding.Bound bound,
      Delivery delivery, Runnable requestRestore, ScheduledExecutorService scheduler,
      BooleanSupplier acquiring, long requestTimeoutMs) {
    List<TagGroup> built = new ArrayList<>();
    for (TagGroupSpec g : spec.groups()) {
      List<ResolvedTag> tags = new ArrayList<>();
      for (TagSpec t : g.tags()) {
        NodeId nodeId = bound.nodes().get(t.nodeId());
        if (nodeId != null) {
          tags.add(new ResolvedTag(t, nodeId));
        } else if (bound.refuses(t.nodeId())) {
          delivery.bad(new ResolvedTag(t, NodeId.NULL_VALUE), NamespaceBinding.UNKNOWN);
        }
      }
      built.add(g.mode() == AcquisitionMode.SUBSCRIPTION
          ? new SubscriptionGroup(g, tags, delivery, requestRestore)
          : new PollingGroup(g, tags, delivery, scheduler, acquiring, requestTimeoutMs));
    }
    return List.copyOf(built);
  }
}
