package io.floorgate.driver.opcua;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.TagGroupSpec;
import io.floorgate.driver.TagSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.UaExceptionStatus;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a connection's configured node ids to the namespace table of the server's current
 * session.
 *
 * <p>A namespace index is only a position in the server's NamespaceArray, and a server may
 * register its namespaces in another order after a restart (node-opcua does when its namespaces
 * are loaded in another order); the URI is what stays. So at every session:
 * <ul>
 *   <li>{@code nsu=<uri>;…} gets the index the URI has now; a URI the server does not have makes
 *       its tags BAD ({@code Bad_NodeIdUnknown});
 *   <li>{@code ns=<index>;…} is used as written while the index names the URI it named at the
 *       first session of this process; once it names another URI (or none) its tags are BAD
 *       rather than read from the wrong namespace. What the first session saw is kept in memory
 *       only: after the gateway restarts, its first session's table is trusted again;
 *   <li>ids in namespace 0 are the OPC UA standard's, the same on every server.
 * </ul>
 * Each namespace problem is logged once, at ERROR with its fix, when it appears, and once at INFO
 * when it is gone. Driver's thread only, except {@link #current()}.
 */
final class NamespaceBinding {

  private static final Logger log = LoggerFactory.getLogger(NamespaceBinding.class);

  static final StatusCode UNKNOWN = new StatusCode(StatusCodes.Bad_NodeIdUnknown);

  /**
   * The node ids of one session, by configured text. A text in neither {@code nodes} nor
   * {@code refused} is not a valid node id.
   *
   * @param nodes   the node ids to read; before the first session an {@code nsu=} id is a
   *                placeholder ({@link NodeId#NULL_VALUE}) that is never sent
   * @param refused ids whose namespace is not on the server as configured: BAD, never read
   */
  record Bound(Map<String, NodeId> nodes, Set<String> refused) {

    Bound {
      nodes = Map.copyOf(nodes);
      refused = Set.copyOf(refused);
    }

    @Nullable NodeId node(String configured) {
      NodeId id = nodes.get(configured);
      return id == null || id.isNull() ? null : id;
    }

    boolean refuses(String configured) {
      return refused.contains(configured);
    }
  }

  /**
   * A configured id: its namespace by URI or index, and its node id as written ({@code nsu=}: in
   * namespace 0 until bound), which every session's binding hands out while the index stays, so
   * that one NodeId per tag serves all sessions and the groups built on them.
   *
   * @param tags how many tags have this id
   */
  private record Configured(@Nullable String uri, int index, NodeId node, int tags) {

    NodeId at(int namespace) {
      return node.getNamespaceIndex().intValue() == namespace ? node
          : node.withNamespaceIndex(ushort(namespace));
    }
  }

  /** One reason why tags cannot be bound, with what to log when it appears and when it is gone. */
  private record Problem(String error, String cleared) {}

  private final String connection;
  private final Map<String, Configured> configured = new LinkedHashMap<>();
  private final Map<Integer, String> firstUris = new HashMap<>();
  private final Map<String, Integer> lastIndexOfUri = new HashMap<>();
  private Map<String, Problem> problems = Map.of();
  private volatile Bound current;

  /** @param nodeIds the configured node id of every tag, one entry per tag */
  NamespaceBinding(String connection, List<String> nodeIds) {
    this.connection = connection;
    for (String text : nodeIds) {
      Configured seen = configured.get(text);
      if (seen != null) {
        configured.put(text,
            new Configured(seen.uri(), seen.index(), seen.node(), seen.tags() + 1));
        continue;
      }
      NodeIdSyntax.Parts parts = NodeIdSyntax.parts(text);
      NodeId local = parts == null ? null : NodeId.parseOrNull(parts.identifier());
      if (local != null) {
        NodeId node =
            parts.uri() != null ? local : local.withNamespaceIndex(ushort(parts.index()));
        configured.put(text, new Configured(parts.uri(), parts.index(), node, 1));
      }
    }
    this.current = provisional();
  }

  static NamespaceBinding of(ConnectionSpec spec) {
    List<String> ids = new ArrayList<>();
    for (TagGroupSpec group : spec.groups()) {
      for (TagSpec tag : group.tags()) {
        ids.add(tag.nodeId());
      }
    }
    return new NamespaceBinding(spec.name(), ids);
  }

  /**
   * The server's NamespaceArray, read on the session {@code client} has now; blocking, so call
   * it on the driver's thread.
   *
   * @throws UaException when it cannot be read within {@code timeoutMs}
   */
  static String[] readNamespaceArray(OpcUaClient client, long timeoutMs) throws UaException {
    DataValue value;
    try {
      value = client.readValuesAsync(0.0, TimestampsToReturn.Neither,
          List.of(NodeIds.Server_NamespaceArray)).get(timeoutMs, MILLISECONDS).get(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UaException(StatusCodes.Bad_Shutdown, "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      long code = UaExceptionStatus.extract(Causes.unwrap(e))
          .map(s -> s.getStatusCode().value()).orElse(StatusCodes.Bad_Timeout);
      throw new UaException(code, Causes.describe(e));
    }
    StatusCode status = value.statusCode();
    if (status != null && status.isBad()) {
      throw new UaException(status, "the server answered " + SampleMapper.statusName(status.value()));
    }
    if (value.value().value() instanceof String[] array) {
      return array;
    }
    throw new UaException(StatusCodes.Bad_TypeMismatch, "the server's NamespaceArray is not a "
        + "String array");
  }

  /** The binding of the current session (before the first, the ids as written). Any thread. */
  Bound current() {
    return current;
  }

  /** The ids as written, before any session: nothing from this is sent to a server. */
  private Bound provisional() {
    Map<String, NodeId> nodes = new LinkedHashMap<>();
    configured.forEach((text, c) -> nodes.put(text,
        c.uri() != null ? NodeId.NULL_VALUE : c.node()));
    return new Bound(nodes, Set.of());
  }

  /**
   * Binds every configured id to {@code namespaces}, the server's NamespaceArray as read on this
   * session, and logs what changed since the previous session.
   */
  Bound bind(String[] namespaces) {
    List<String> table = Arrays.asList(namespaces);
    Map<String, NodeId> nodes = new LinkedHashMap<>();
    Map<String, String> refusedBy = new LinkedHashMap<>(); // configured text -> problem key
    Map<String, Integer> moved = new LinkedHashMap<>();
    for (Map.Entry<String, Configured> e : configured.entrySet()) {
      String text = e.getKey();
      Configured c = e.getValue();
      if (c.uri() != null) {
        int index = table.indexOf(c.uri());
        if (index < 0) {
          refusedBy.put(text, "nsu " + c.uri());
        } else {
          nodes.put(text, sameAsBefore(text, c.at(index)));
          Integer before = lastIndexOfUri.put(c.uri(), index);
          if (before != null && before != index) {
            moved.put(c.uri(), before);
          }
        }
        continue;
      }
      NodeId node = c.node();
      if (c.index() == 0) {
        nodes.put(text, node);
        continue;
      }
      String now = c.index() < namespaces.length ? namespaces[c.index()] : null;
      String first = firstUris.get(c.index());
      if (first == null && now != null) {
        firstUris.put(c.index(), now);
        first = now;
      }
      if (first == null || first.equals(now)) {
        nodes.put(text, node); // an index the server never had is for the server to refuse
      } else {
        refusedBy.put(text, "ns " + c.index() + " " + first + " -> " + now);
      }
    }
    Map<String, Problem> found = describe(refusedBy, table);
    report(found, moved);
    problems = found;
    Bound bound = new Bound(nodes, refusedBy.keySet());
    current = bound;
    return bound;
  }

  /** The NodeId the current binding has for {@code text} when it equals {@code bound}. */
  private NodeId sameAsBefore(String text, NodeId bound) {
    NodeId before = current.nodes().get(text);
    return bound.equals(before) ? before : bound;
  }

  private Map<String, Problem> describe(Map<String, String> refusedBy, List<String> table) {
    Map<String, Integer> tags = new LinkedHashMap<>();
    Map<String, String> example = new HashMap<>();
    refusedBy.forEach((text, key) -> {
      tags.merge(key, configured.get(text).tags(), Integer::sum);
      example.putIfAbsent(key, text);
    });
    Map<String, Problem> found = new LinkedHashMap<>();
    tags.forEach((key, count) -> {
      Configured c = configured.get(example.get(key));
      found.put(key, c.uri() != null ? missingUri(c.uri(), count, table)
          : movedIndex(c.index(), firstUris.get(c.index()), count, table));
    });
    return found;
  }

  private Problem missingUri(String uri, int count, List<String> table) {
    return new Problem(String.format("opcua connection '%s': the server has no namespace '%s' "
            + "(its NamespaceArray: %s); the %d tag(s) with nsu=%s;… are reported BAD "
            + "(Bad_NodeIdUnknown) — correct the URI in their node ids to one the server has "
            + "(floorgate browse writes them), or check that the right PLC program is loaded",
            connection, uri, table, count, uri),
        String.format("opcua connection '%s': the server has namespace '%s' again; its %d tag(s) "
            + "are read again", connection, uri, count));
  }

  private Problem movedIndex(int index, String first, int count, List<String> table) {
    String now = index < table.size() ? "'" + table.get(index) + "'" : "absent";
    int moved = table.indexOf(first);
    String why = moved < 0 ? "the server no longer has that namespace"
        : "the server registered its namespaces in another order; it is now index " + moved;
    return new Problem(String.format("opcua connection '%s': namespace index %d was '%s' at this "
            + "gateway's first connect and is now %s (%s); the %d tag(s) with ns=%d;… are reported BAD (Bad_NodeIdUnknown) "
            + "rather than read from the wrong namespace — write their node ids as nsu=%s;… "
            + "(floorgate browse writes them so), which follow the namespace wherever the server "
            + "puts it", connection, index, first, now, why, count, index, first),
        String.format("opcua connection '%s': namespace index %d is '%s' again; its %d tag(s) are "
            + "read again", connection, index, first, count));
  }

  private void report(Map<String, Problem> found, Map<String, Integer> moved) {
    found.forEach((key, p) -> {
      if (!problems.containsKey(key)) {
        log.error(p.error());
      }
    });
    problems.forEach((key, p) -> {
      if (!found.containsKey(key)) {
        log.info(p.cleared());
      }
    });
    moved.forEach((uri, before) -> log.info("opcua connection '{}': namespace '{}' moved from "
        + "index {} to {} on the server; its nsu= tags follow it", connection, uri, before,
        lastIndexOfUri.get(uri)));
  }
}
