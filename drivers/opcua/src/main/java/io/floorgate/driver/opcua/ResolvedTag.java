package io.floorgate.driver.opcua;

import io.floorgate.driver.TagSpec;
import java.util.Objects;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/** A configured tag with its node id parsed once. */
record ResolvedTag(TagSpec spec, NodeId nodeId) {

  ResolvedTag {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(nodeId, "nodeId");
  }

  String key() {
    return spec.key();
  }
}
