package io.floorgate.driver.opcua;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.floorgate.driver.SecuritySpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaExceptionStatus;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ViewDescription;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a server's address space below Objects, breadth first: Browse requests of up to
 * {@link Options#batch()} nodes or the server's MaxNodesPerBrowse if lower, at most
 * {@link Options#concurrency()} in flight, continuation points followed with BrowseNext; a
 * request the server refuses as too large is split in halves down to one node. Memory is bounded
 * by {@link Options#maxNodes()}: every node is handed to the consumer as soon as its attributes
 * are known, and only node ids are remembered. Nodes are reported in the order found, not as a
 * tree: {@link BrowsedNode#parentId()} says where each belongs.
 */
public final class Browser {

  private static final Logger log = LoggerFactory.getLogger(Browser.class);
  private static final long TIMEOUT_MS = 30_000;

  /**
   * @param maxDepth     levels below Objects to walk (1 = only Objects' children)
   * @param maxNodes     stop after this many nodes
   * @param concurrency  Browse requests in flight at once
   * @param batch        nodes per Browse request
   * @param serverObject also walk the Server object (i=2253): hundreds of diagnostics nodes
   */
  public record Options(int maxDepth, int maxNodes, int concurrency, int batch,
      boolean serverObject) {
    public Options {
      if (maxDepth < 1 || maxNodes < 1 || concurrency < 1 || batch < 1) {
        throw new IllegalArgumentException("browse options must be >= 1");
      }
    }

    public static Options defaults() {
      return new Options(10, 100_000, 4, 100, false);
    }
  }

  /** What a walk found: nodes seen, and whether a limit stopped it early. */
  public record Summary(int nodes, int variables, boolean truncated) {}

  /** Attributes and properties are read in Reads of at most this many nodes. */
  private static final int READ_BATCH = 500;

  private final OpcUaClient client;
  private final Options options;
  private final BrowseLimits limits;
  private final VariableReader variables;
  private final java.util.concurrent.atomic.AtomicBoolean splitLogged =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Set<NodeId> seen = new HashSet<>();
  private final ArrayDeque<BrowsedNode.Pending> queue = new ArrayDeque<>();
  private int variableCount;
  private boolean truncated;

  private Browser(OpcUaClient client, Options options) {
    this.client = client;
    this.options = options;
    this.limits = BrowseLimits.read(client, options.batch(), READ_BATCH);
    this.variables = new VariableReader(client, limits.nodesPerRead());
  }

  /**
   * Connects to {@code endpointUrl} with {@code security}, walks it and disconnects.
   *
   * @throws IllegalStateException when the server cannot be reached or refuses the session; the
   *     message says what to do
   */
  public static Summary browse(String endpointUrl, SecuritySpec security, Options options,
      Consumer<BrowsedNode> out) {
    ClientSecurity clientSecurity = ClientSecurity.of(security, "browse");
    var connector = new ClientConnector(endpointUrl, "browse", DriverOptions.defaults(),
        clientSecurity);
    OpcUaClient client;
    try {
      client = connector.connect();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      String advice = SecurityAdvice.advise(e, clientSecurity);
      throw new IllegalStateException("cannot connect to " + endpointUrl + ": "
          + (advice != null ? advice : Causes.describe(e)), e);
    }
    try {
      return new Browser(client, options).walk(out);
    } finally {
      ClientConnector.disconnect(client, 5_000);
    }
  }

  private Summary walk(Consumer<BrowsedNode> out) {
    seen.add(NodeIds.ObjectsFolder);
    queue.add(new BrowsedNode.Pending(NodeIds.ObjectsFolder,
        NodeIds.ObjectsFolder.toParseableString(), List.of(), 0, null, ""));
    while (!queue.isEmpty()) {
      List<List<BrowsedNode.Pending>> batches = new ArrayList<>();
      List<CompletableFuture<List<List<ReferenceDescription>>>> inFlight = new ArrayList<>();
      for (int c = 0; c < options.concurrency() && !queue.isEmpty(); c++) {
        List<BrowsedNode.Pending> batch = new ArrayList<>();
        while (batch.size() < limits.nodesPerBrowse() && !queue.isEmpty()) {
          batch.add(queue.poll());
        }
        batches.add(batch);
        inFlight.add(browse(batch.stream().map(BrowsedNode.Pending::nodeId).toList()));
      }
      for (int i = 0; i < batches.size(); i++) {
        List<List<ReferenceDescription>> results;
        try {
          results = inFlight.get(i).get(TIMEOUT_MS, MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while browsing", e);
        } catch (Exception e) {
          throw new IllegalStateException("browsing failed: " + Causes.describe(e), e);
        }
        handle(batches.get(i), results, out);
      }
    }
    return new Summary(seen.size() - 1, variableCount, truncated);
  }

  private void handle(List<BrowsedNode.Pending> batch, List<List<ReferenceDescription>> results,
      Consumer<BrowsedNode> out) {
    List<BrowsedNode.Pending> browsedVariables = new ArrayList<>();
    List<List<ReferenceDescription>> variableChildren = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      BrowsedNode.Pending parent = batch.get(i);
      List<ReferenceDescription> refs = results.get(i);
      if (parent.nodeClass() == NodeClass.Variable) {
        browsedVariables.add(parent);
        variableChildren.add(refs);
      } else if (parent.depth() > 0) {
        out.accept(BrowsedNode.object(parent));
      }
      if (parent.depth() >= options.maxDepth()) {
        continue;
      }
      for (ReferenceDescription ref : refs) {
        if (isProperty(ref)) {
          continue; // EngineeringUnits, EURange, …: read with their variable, not tags themselves
        }
        NodeId id = ref.getNodeId().toNodeId(client.getNamespaceTable()).orElse(null);
        if (id == null || (!options.serverObject() && id.equals(NodeIds.Server))) {
          continue;
        }
        if (seen.size() > options.maxNodes()) {
          truncated = true;
          break;
        }
        if (seen.add(id)) {
          List<String> path = new ArrayList<>(parent.path());
          path.add(ref.getBrowseName().name() == null ? id.toParseableString()
              : ref.getBrowseName().name());
          queue.add(new BrowsedNode.Pending(id, NsuIds.of(id, client.getNamespaceTable()),
              List.copyOf(path), parent.depth() + 1, ref.getNodeClass(), parent.id()));
        }
      }
    }
    if (!browsedVariables.isEmpty()) {
      variableCount += browsedVariables.size();
      variables.read(browsedVariables, variableChildren).forEach(out);
    }
  }

  private static boolean isProperty(ReferenceDescription ref) {
    return NodeIds.HasProperty.equals(ref.getReferenceTypeId());
  }

  /**
   * The references of each node, continuation points followed; split in halves while the server
   * answers that there are too many nodes in one request.
   */
  private CompletableFuture<List<List<ReferenceDescription>>> browse(List<NodeId> nodes) {
    return Halving.call(nodes, this::browseOnce, Browser::tooLarge, refused -> {
      if (splitLogged.compareAndSet(false, true)) {
        log.info("browse: the server refused {} nodes in one Browse; sending fewer at a time "
            + "(its MaxNodesPerBrowse is lower than it publishes)", refused);
      }
    });
  }

  static boolean tooLarge(Throwable failure) {
    return UaExceptionStatus.extract(Causes.unwrap(failure))
        .map(s -> ChunkedRead.tooLarge(s.getStatusCode().value())).orElse(false);
  }

  private CompletableFuture<List<List<ReferenceDescription>>> browseOnce(List<NodeId> nodes) {
    List<BrowseDescription> requests = nodes.stream().map(n -> new BrowseDescription(n,
        BrowseDirection.Forward, NodeIds.HierarchicalReferences, true,
        uint(NodeClass.Object.getValue() | NodeClass.Variable.getValue()),
        uint(BrowseResultMask.All.getValue()))).toList();
    return client.browseAsync(new ViewDescription(NodeId.NULL_VALUE, null, uint(0)), uint(1000),
        requests).thenCompose(response -> {
          BrowseResult[] results = Objects.requireNonNull(response.getResults());
          List<CompletableFuture<List<ReferenceDescription>>> each = new ArrayList<>();
          for (BrowseResult r : results) {
            each.add(collect(r, new ArrayList<>()));
          }
          return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
              .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
        });
  }

  private CompletableFuture<List<ReferenceDescription>> collect(BrowseResult result,
      List<ReferenceDescription> into) {
    if (!result.getStatusCode().isGood()) {
      log.debug("browse result {}", result.getStatusCode());
      return CompletableFuture.completedFuture(into);
    }
    if (result.getReferences() != null) {
      into.addAll(List.of(result.getReferences()));
    }
    ByteString cp = result.getContinuationPoint();
    if (cp == null || cp.isNull() || cp.length() == 0) {
      return CompletableFuture.completedFuture(into);
    }
    return client.browseNextAsync(false, List.of(cp)).thenCompose(next -> {
      BrowseResult[] more = Objects.requireNonNull(next.getResults());
      return collect(more[0], into);
    });
  }

}
