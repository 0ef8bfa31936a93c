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

/** Builds a connection's tag groups; a tag whose node id does not parse is reported BAD once. */
final class TagGroups {

  private static final Logger log = LoggerFactory.getLogger(TagGroups.class);

  private TagGroups() {}

  /**
   * @param requestRestore posts a restore of all groups to the driver's thread
   * @param scheduler      the driver's thread, for polling timers
   * @param linkUp         whether the session is up (polling skips ticks otherwise)
   */
  static List<TagGroup> build(ConnectionSpec spec, Delivery delivery, Runnable requestRestore,
      ScheduledExecutorService scheduler, BooleanSupplier linkUp, long requestTimeoutMs) {
    List<TagGroup> built = new ArrayList<>();
    for (TagGroupSpec g : spec.groups()) {
      List<ResolvedTag> tags = new ArrayList<>();
      for (TagSpec t : g.tags()) {
        NodeId nodeId = NodeId.parseOrNull(t.nodeId());
        if (nodeId == null) {
          log.warn("opcua connection '{}': tag '{}' in group '{}' has an invalid node id '{}' "
                  + "(expected e.g. ns=2;s=RHK01.Zone03.TempPV); it is reported BAD",
              spec.name(), t.key(), g.name(), t.nodeId());
          delivery.bad(new ResolvedTag(t, NodeId.NULL_VALUE), new StatusCode(StatusCodes.Bad_NodeIdInvalid));
        } else {
          tags.add(new ResolvedTag(t, nodeId));
        }
      }
      built.add(g.mode() == AcquisitionMode.SUBSCRIPTION
          ? new SubscriptionGroup(g, tags, delivery, requestRestore)
          : new PollingGroup(g, tags, delivery, scheduler, linkUp, requestTimeoutMs));
    }
    return List.copyOf(built);
  }
}
