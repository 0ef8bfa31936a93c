package io.floorgate.driver.opcua;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.UaRequestMessageType;
import org.eclipse.milo.opcua.stack.core.types.UaResponseMessageType;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSubscriptionResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.NotificationMessage;
import org.eclipse.milo.opcua.stack.core.types.structured.PublishResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.RepublishRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.RepublishResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.ResponseHeader;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.jspecify.annotations.Nullable;

/**
 * Keeps, per subscription, the NotificationMessages already handed to Milo, so that Milo never
 * waits on the server for one it has, never delivers one out of its order, and reports as lost
 * only what really was.
 *
 * <p>Milo 1.1's publishing manager passes each PublishResponse through its shared executor, so
 * under load it may process a later one first. It then republishes the "missing" earlier one
 * and, when the original comes, processes it as new: it rolls its last sequence number back,
 * delivers the message a second time, and republishes every later one again. It also
 * acknowledges every sequence number the server says it holds, including those not received
 * yet; the server deletes them, their Republish fails, and Milo reports notification data lost
 * when nothing was.
 *
 * <p>This transport, between Milo and the network, fixes both without touching Milo. It keeps
 * the last messages handed over and answers Milo's Republish of one of them itself, at once, so
 * that Milo delivers it before the later message it is processing; the original, processed
 * after, repeats values that {@link LiveOrder} drops. A PublishResponse repeating a message
 * handed over becomes a keep-alive (nothing to deliver; Milo ignores a keep-alive it is past). A
 * PublishResponse advertises only the sequence numbers handed over, so that Milo acknowledges
 * only what it received and the server keeps the rest for a Republish. A Republish that fails
 * for a message never handed over is what {@link #takeMissing} reports.
 *
 * <p>It is the TCP transport itself, not a wrapper around one: Milo watches the connection of an
 * {@code OpcTcpClientTransport} to notice at once that a PLC went away. Runs on whichever thread
 * completes the response, before Milo sees it; the per-subscription book is locked for a few set
 * operations only.
 */
class PublishLedger extends OpcTcpClientTransport {

  /** Sequence numbers kept per subscription: far more than a server's retransmission queue. */
  private static final int WINDOW = 4096;
  /** Messages kept for a Republish: a reordering spans a few messages, not dozens. */
  private static final int KEPT = 64;
  /** The newest messages are kept whatever their size: a reordering swaps neighbours. */
  static final int KEPT_AT_LEAST = 2;
  /**
   * Encoded notification bytes kept per subscription beyond the newest {@link #KEPT_AT_LEAST}
   * messages (~44 bytes a value): a message of 10,000 values is ~440 KB, and 64 of them, each
   * with the values Milo decoded from it, held 150 MB of heap at 10,000 tags.
   */
  static final long KEPT_BYTES = 4L << 20;
  private static final ExtensionObject[] NOTHING = new ExtensionObject[0];

  private final Map<UInteger, Book> books = new ConcurrentHashMap<>();
  private final LongAdder repeatsSuppressed = new LongAdder();
  private final LongAdder republishedLocally = new LongAdder();

  PublishLedger(OpcTcpClientTransportConfig config) {
    super(config);
  }

  /** The ledger of a client built by {@link ClientConnector}, or null for any other client. */
  static @Nullable PublishLedger of(OpcUaClient client) {
    return client.getTransport() instanceof PublishLedger ledger ? ledger : null;
  }

  /** A message kept to answer a Republish, and the size of its notifications' bytes. */
  private record Kept(NotificationMessage message, long bytes) {}

  /** One subscription's sequence numbers; all access under its lock. */
  private static final class Book {
    final TreeSet<Long> handed = new TreeSet<>();
    final Set<Long> missing = new HashSet<>();
    /**
     * The last messages handed over, to answer Milo's Republish of one: at most {@link #KEPT},
     * and beyond the newest {@link #KEPT_AT_LEAST} no more than {@link #KEPT_BYTES} of them.
     */
    final LinkedHashMap<Long, Kept> kept = new LinkedHashMap<>();
    long keptBytes;

    /** Records {@code message} as handed over; false if it already was. */
    boolean hand(NotificationMessage message) {
      long seq = message.getSequenceNumber().longValue();
      if (!handed.add(seq)) {
        return false;
      }
      NotificationMessage copy = undecoded(message);
      long bytes = encodedBytes(copy);
      kept.put(seq, new Kept(copy, bytes));
      keptBytes += bytes;
      var eldest = kept.values().iterator();
      while (kept.size() > KEPT
          || (kept.size() > KEPT_AT_LEAST && keptBytes > KEPT_BYTES)) {
        keptBytes -= eldest.next().bytes();
        eldest.remove();
      }
      missing.remove(seq);
      while (handed.size() > WINDOW) {
        handed.pollFirst();
      }
      return true;
    }
  }

  /**
   * {@code message} with its notifications as the bytes that came: Milo decodes the original's
   * (and an ExtensionObject keeps what it decoded, ~200 bytes a value more), a Republish answered
   * with the copy is decoded afresh.
   */
  static NotificationMessage undecoded(NotificationMessage message) {
    ExtensionObject[] data = message.getNotificationData();
    if (data == null || data.length == 0) {
      return message;
    }
    ExtensionObject[] bytes = new ExtensionObject[data.length];
    for (int i = 0; i < data.length; i++) {
      bytes[i] = data[i].getBody() instanceof ByteString body
          ? ExtensionObject.of(body, data[i].getEncodingOrTypeId()) : data[i];
    }
    return new NotificationMessage(message.getSequenceNumber(), message.getPublishTime(), bytes);
  }

  /** The encoded size of a message's notifications, as far as they are bytes. */
  static long encodedBytes(NotificationMessage message) {
    long n = 0;
    ExtensionObject[] data = message.getNotificationData();
    if (data != null) {
      for (ExtensionObject e : data) {
        if (e.getBody() instanceof ByteString body) {
          n += body.length();
        }
      }
    }
    return n;
  }

  @Override
  public final CompletableFuture<UaResponseMessageType> sendRequestMessage(UaRequestMessageType request) {
    NotificationMessage kept = request instanceof RepublishRequest republish ? kept(republish) : null;
    if (kept != null) {
      // Milo asks again for a message it was handed but has not processed yet (it processed a
      // later one first). Answering with it at once lets Milo deliver it before the later one,
      // without a round trip or a refusal because the server deleted it once acknowledged.
      republishedLocally.increment();
      return CompletableFuture.completedFuture(new RepublishResponse(
          new ResponseHeader(DateTime.now(), request.getRequestHeader().getRequestHandle(),
              StatusCode.GOOD, null, new String[0], null),
          kept));
    }
    CompletableFuture<UaResponseMessageType> sent = send(request);
    if (request instanceof RepublishRequest republish) {
      // A failure stays a failure for Milo; the ledger only notes which message it was.
      CompletableFuture<UaResponseMessageType> seen = new CompletableFuture<>();
      sent.whenComplete((response, failure) -> {
        if (failure != null) {
          lost(republish);
          seen.completeExceptionally(failure);
        } else {
          seen.complete(republished(republish, response));
        }
      });
      return seen;
    }
    return sent.thenApply(this::answered);
  }

  /** The network below the ledger; a test overrides it to delay or lose responses. */
  CompletableFuture<UaResponseMessageType> send(UaRequestMessageType request) {
    return super.sendRequestMessage(request);
  }

  private UaResponseMessageType answered(UaResponseMessageType response) {
    if (response instanceof PublishResponse publish) {
      Book book = books.computeIfAbsent(publish.getSubscriptionId(), id -> new Book());
      synchronized (book) {
        return published(book, publish);
      }
    }
    if (response instanceof CreateSubscriptionResponse created) {
      // A new subscription (a PLC restart may reuse an id) starts its sequence numbers at 1.
      books.remove(created.getSubscriptionId());
    }
    return response;
  }

  private static boolean isData(NotificationMessage message) {
    return message.getNotificationData() != null && message.getNotificationData().length > 0;
  }

  /** Called under the book's lock: {@code response} as Milo must see it. */
  private PublishResponse published(Book book, PublishResponse response) {
    NotificationMessage message = response.getNotificationMessage();
    long seq = message.getSequenceNumber().longValue();
    boolean repeat = isData(message) && !book.hand(message);
    UInteger[] available = handedOnly(book, response.getAvailableSequenceNumbers());
    if (!repeat && available == response.getAvailableSequenceNumbers()) {
      return response;
    }
    if (repeat) {
      repeatsSuppressed.increment();
      // A keep-alive carries the next sequence number to come; Milo takes 1 as a restart.
      long next = seq == 1 ? book.handed.last() + 1 : seq;
      message = new NotificationMessage(UInteger.valueOf(next), message.getPublishTime(), NOTHING);
    }
    return new PublishResponse(response.getResponseHeader(), response.getSubscriptionId(),
        available, response.getMoreNotifications(), message, response.getResults(),
        response.getDiagnosticInfos());
  }

  /** The server's available sequence numbers minus those not handed to Milo yet. */
  private static UInteger @Nullable [] handedOnly(Book book, UInteger @Nullable [] available) {
    if (available == null) {
      return null;
    }
    UInteger[] handed = Arrays.stream(available)
        .filter(n -> book.handed.contains(n.longValue()))
        .toArray(UInteger[]::new);
    return handed.length == available.length ? available : handed;
  }

  private UaResponseMessageType republished(RepublishRequest request, UaResponseMessageType response) {
    if (response instanceof RepublishResponse republish) {
      Book book = books.computeIfAbsent(request.getSubscriptionId(), id -> new Book());
      synchronized (book) {
        book.hand(republish.getNotificationMessage());
      }
    }
    return response;
  }

  private @Nullable NotificationMessage kept(RepublishRequest request) {
    Book book = books.get(request.getSubscriptionId());
    if (book == null) {
      return null;
    }
    synchronized (book) {
      Kept kept = book.kept.get(request.getRetransmitSequenceNumber().longValue());
      return kept == null ? null : kept.message();
    }
  }

  private void lost(RepublishRequest request) {
    Book book = books.computeIfAbsent(request.getSubscriptionId(), id -> new Book());
    long seq = request.getRetransmitSequenceNumber().longValue();
    synchronized (book) {
      if (!book.handed.contains(seq)) {
        book.missing.add(seq);
      }
    }
  }

  /**
   * How many NotificationMessages of {@code subscriptionId} the server could not republish and
   * that never arrived otherwise, since the last call.
   */
  int takeMissing(UInteger subscriptionId) {
    Book book = books.get(subscriptionId);
    if (book == null) {
      return 0;
    }
    synchronized (book) {
      int n = book.missing.size();
      book.missing.clear();
      return n;
    }
  }

  /** PublishResponses whose message had been handed to Milo already. */
  long repeatsSuppressed() {
    return repeatsSuppressed.sum();
  }

  /** Republish requests answered from the messages kept, without asking the server. */
  long republishedLocally() {
    return republishedLocally.sum();
  }
}
