package io.floorgate.driver.opcua;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.UaRequestMessageType;
import org.eclipse.milo.opcua.stack.core.types.UaResponseMessageType;
import org.eclipse.milo.opcua.stack.core.types.structured.PublishRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.PublishResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.RepublishRequest;
import org.eclipse.milo.opcua.stack.core.util.Unit;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.jspecify.annotations.Nullable;

/**
 * A network that disturbs every {@code every}-th data PublishResponse. {@link Fault#LATE}: as on
 * a loaded host, it reaches the client after the next response to a Publish request. {@link
 * Fault#LOST}: it never arrives, and its request times out. Either way the client sees a
 * sequence number ahead of the one it expects.
 */
final class NetworkFaults {

  enum Fault { LATE, LOST }

  private final Fault fault;
  private final int every;
  private final AtomicInteger dataResponses = new AtomicInteger();
  private final AtomicInteger disturbed = new AtomicInteger();
  private final AtomicInteger republishRequests = new AtomicInteger();
  private @Nullable Runnable late;

  NetworkFaults(Fault fault, int every) {
    this.fault = fault;
    this.every = every;
  }

  /** The ledger, over this network. */
  PublishLedger ledger() {
    return new PublishLedger(OpcTcpClientTransportConfig.newBuilder().build()) {
      @Override
      CompletableFuture<UaResponseMessageType> send(UaRequestMessageType request) {
        return disturb(request, super.send(request));
      }

      @Override
      public CompletableFuture<Unit> disconnect() {
        release();
        return super.disconnect();
      }
    };
  }

  /** Milo's own TCP transport, over this network. */
  OpcTcpClientTransport plain() {
    return new OpcTcpClientTransport(OpcTcpClientTransportConfig.newBuilder().build()) {
      @Override
      public CompletableFuture<UaResponseMessageType> sendRequestMessage(UaRequestMessageType request) {
        return disturb(request, super.sendRequestMessage(request));
      }

      @Override
      public CompletableFuture<Unit> disconnect() {
        release();
        return super.disconnect();
      }
    };
  }

  private CompletableFuture<UaResponseMessageType> disturb(UaRequestMessageType request,
      CompletableFuture<UaResponseMessageType> sent) {
    if (request instanceof RepublishRequest) {
      republishRequests.incrementAndGet();
    }
    if (!(request instanceof PublishRequest)) {
      return sent;
    }
    var arrived = new CompletableFuture<UaResponseMessageType>();
    sent.whenComplete((response, failure) -> {
      Runnable hand = () -> {
        if (failure != null) {
          arrived.completeExceptionally(failure);
        } else {
          arrived.complete(response);
        }
      };
      Runnable earlier;
      synchronized (this) {
        earlier = late;
        late = null;
        if (earlier == null && isData(response) && dataResponses.incrementAndGet() % every == 0) {
          disturbed.incrementAndGet();
          if (fault == Fault.LOST) {
            arrived.completeExceptionally(new UaException(StatusCodes.Bad_Timeout, "lost on the way"));
          } else {
            late = hand;
          }
          return;
        }
      }
      hand.run();
      if (earlier != null) {
        earlier.run(); // the earlier response, now after the later one
      }
    });
    return arrived;
  }

  private void release() {
    Runnable earlier;
    synchronized (this) {
      earlier = late;
      late = null;
    }
    if (earlier != null) {
      earlier.run();
    }
  }

  private static boolean isData(@Nullable UaResponseMessageType response) {
    return response instanceof PublishResponse p
        && p.getNotificationMessage().getNotificationData() != null
        && p.getNotificationMessage().getNotificationData().length > 0;
  }

  int disturbed() {
    return disturbed.get();
  }

  int republishRequests() {
    return republishRequests.get();
  }
}
