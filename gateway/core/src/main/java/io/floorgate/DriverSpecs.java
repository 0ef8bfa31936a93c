package io.floorgate;

import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GroupConfig;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.TagGroupSpec;
import io.floorgate.driver.TagSpec;

/** Turns a connection's configuration into what its driver needs: the tag key is the tag path. */
final class DriverSpecs {

  private DriverSpecs() {}

  static ConnectionSpec of(ConnectionConfig c) {
    return new ConnectionSpec(c.name(), c.endpoint(), c.retryInitial(), c.retryMax(),
        c.groups().stream().map(DriverSpecs::group).toList(), c.security(),
        c.badAfterLinkLoss(), c.maxNodesPerRead(), c.maxMonitoredItemsPerCall(), c.settings());
  }

  private static TagGroupSpec group(GroupConfig g) {
    return new TagGroupSpec(g.name(), g.mode(), g.samplingInterval(), g.publishingInterval(),
        g.queueSize(), g.deadband(), g.pollInterval(),
        g.tags().stream().map(t -> new TagSpec(t.path(), t.node())).toList());
  }
}
