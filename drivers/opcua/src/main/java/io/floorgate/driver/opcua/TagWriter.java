package io.floorgate.driver.opcua;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.Status;
import io.floorgate.driver.TagGroupSpec;
import io.floorgate.driver.TagSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.jspecify.annotations.Nullable;

/**
 * Writes single values to the PLC variables of a connection's tags, for {@code Driver.write}.
 * One OPC UA Write per value, on the live session only: a write is never queued for a PLC that is
 * away, since it could land long after whoever asked for it stopped expecting it.
 */
final class TagWriter {

  private final String connection;
  private final ConnectionSpec spec;
  /**
   * The configured node id of each tag, bound to the server's namespaces per write; made at the
   * first write, since most sites never write and it is an entry per tag (3.7 MB at 100,000).
   */
  private volatile @Nullable Map<String, String> nodeIds;
  private final NamespaceBinding binding;
  private final Supplier<@Nullable OpcUaClient> liveClient;
  private final long timeoutMs;

  /**
   * @param liveClient the client while the session is up, null otherwise
   * @param timeoutMs  how long to wait for the PLC's answer
   */
  TagWriter(ConnectionSpec spec, NamespaceBinding binding,
      Supplier<@Nullable OpcUaClient> liveClient, long timeoutMs) {
    this.connection = spec.name();
    this.binding = binding;
    this.liveClient = liveClient;
    this.timeoutMs = timeoutMs;
    this.spec = spec;
  }

  private Map<String, String> nodeIds() {
    Map<String, String> ids = nodeIds;
    if (ids == null) {
      synchronized (this) {
        ids = nodeIds;
        if (ids == null) {
          Map<String, String> built = new HashMap<>();
          for (TagGroupSpec group : spec.groups()) {
            for (TagSpec tag : group.tags()) {
              built.putIfAbsent(tag.key(), tag.nodeId());
            }
          }
          ids = built;
          nodeIds = ids;
        }
      }
    }
    return ids;
  }

  CompletableFuture<Status> write(String tag, Object value) {
    String configured = nodeIds().get(tag);
    if (configured == null || !binding.current().nodes().containsKey(configured)
        && !binding.current().refuses(configured)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("connection '"
          + connection + "' has no tag '" + tag + "' with a valid node id"));
    }
    if (!(value instanceof Boolean || value instanceof Short || value instanceof Integer
        || value instanceof Long || value instanceof Float || value instanceof Double
        || value instanceof String)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("cannot write a "
          + value.getClass().getSimpleName() + " to tag '" + tag + "' of connection '"
          + connection + "'; give a Boolean, Short, Integer, Long, Float, Double or String"));
    }
    OpcUaClient client = liveClient.get();
    if (client == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("connection '" + connection
          + "' has no session to its PLC right now; the write to '" + tag + "' was not sent"));
    }
    // The index a namespace has on this session, never one that names another namespace now.
    NamespaceBinding.Bound bound = binding.current();
    if (bound.refuses(configured)) {
      return CompletableFuture.failedFuture(new IllegalStateException("the write to '" + tag
          + "' of connection '" + connection + "' was not sent: the namespace of its node id "
          + configured + " is not on the PLC as configured (see the ERROR logged for it)"));
    }
    NodeId node = bound.node(configured);
    if (node == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("connection '" + connection
          + "' has not bound its node ids to the PLC's namespaces yet; the write to '" + tag
          + "' was not sent"));
    }
    // Variant picks the OPC UA built-in type from the Java type: Short is Int16, Integer Int32.
    DataValue written = DataValue.valueOnly(new Variant(value));
    return client.writeValuesAsync(List.of(node), List.of(written))
        .orTimeout(timeoutMs, MILLISECONDS)
        .handle((results, failure) -> {
          if (failure != null) {
            // A timeout reads "no answer within the timeout"; a dropped session, its status.
            throw new IllegalStateException("the write to '" + tag + "' of connection '"
                + connection + "' failed: " + Causes.describe(failure), failure);
          }
          return SampleMapper.status(results.get(0));
        });
  }
}
