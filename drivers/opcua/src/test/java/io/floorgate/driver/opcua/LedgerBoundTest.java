package io.floorgate.driver.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.UaRequestMessageType;
import org.eclipse.milo.opcua.stack.core.types.UaResponseMessageType;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.NotificationMessage;
import org.eclipse.milo.opcua.stack.core.types.structured.PublishRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.PublishResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.RepublishRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.RepublishResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.RequestHeader;
import org.eclipse.milo.opcua.stack.core.types.structured.ResponseHeader;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ledger's memory is bounded by bytes, not only by messages: large notification messages (a
 * subscription of many tags) keep the newest few for a Republish, the older ones go to the
 * server as before. The network below the ledger answers Publish with the next message of 1 MB
 * and refuses every Republish, as a server does for a message it deleted.
 */
@Timeout(30)
class LedgerBoundTest {

  private static final UInteger SUBSCRIPTION = UInteger.valueOf(7);
  private static final int MESSAGE_BYTES = 1 << 20;
  private static final int MESSAGES = 20;

  private final List<NotificationMessage> sent = new ArrayList<>();
  private final List<Long> republishedByServer = new ArrayList<>();

  private final PublishLedger ledger = new PublishLedger(OpcTcpClientTransportConfig.newBuilder().build()) {
    @Override
    CompletableFuture<UaResponseMessageType> send(UaRequestMessageType request) {
      if (request instanceof RepublishRequest republish) {
        republishedByServer.add(republish.getRetransmitSequenceNumber().longValue());
        return CompletableFuture.failedFuture(new UaException(StatusCodes.Bad_MessageNotAvailable));
      }
      NotificationMessage message = message(sent.size() + 1);
      sent.add(message);
      return CompletableFuture.completedFuture(new PublishResponse(header(), SUBSCRIPTION,
          new UInteger[0], false, message, new StatusCode[0], null));
    }
  };

  @Test
  void keepsTheNewestMessagesWithinItsByteBudgetAndAsksTheServerForOlderOnes() throws Exception {
    for (int i = 0; i < MESSAGES; i++) {
      ledger.sendRequestMessage(publish()).get(5, TimeUnit.SECONDS);
    }

    long kept = PublishLedger.KEPT_BYTES / MESSAGE_BYTES;
    for (long seq = MESSAGES; seq > MESSAGES - kept; seq--) {
      UaResponseMessageType answer = ledger.sendRequestMessage(republish(seq)).get(5, TimeUnit.SECONDS);
      NotificationMessage again = assertInstanceOf(RepublishResponse.class, answer).getNotificationMessage();
      NotificationMessage original = sent.get((int) seq - 1);
      assertEquals(seq, again.getSequenceNumber().longValue());
      assertEquals(original.getNotificationData()[0].getBody(), again.getNotificationData()[0].getBody());
      // A copy: what Milo decodes from the original is not held by the ledger.
      assertNotSame(original.getNotificationData()[0], again.getNotificationData()[0]);
    }
    assertEquals(kept, ledger.republishedLocally());
    assertTrue(republishedByServer.isEmpty(), republishedByServer.toString());

    long older = MESSAGES - kept;
    CompletableFuture<UaResponseMessageType> refused = ledger.sendRequestMessage(republish(older));
    assertTrue(refused.isCompletedExceptionally());
    assertEquals(List.of(older), republishedByServer);
    assertEquals(0, ledger.takeMissing(SUBSCRIPTION), "a message handed over is not missing");
  }

  @Test
  void keepsTheNewestTwoWhateverTheirSize() throws Exception {
    int huge = (int) PublishLedger.KEPT_BYTES;
    List<NotificationMessage> messages = new ArrayList<>();
    PublishLedger big = new PublishLedger(OpcTcpClientTransportConfig.newBuilder().build()) {
      @Override
      CompletableFuture<UaResponseMessageType> send(UaRequestMessageType request) {
        if (request instanceof RepublishRequest) {
          return CompletableFuture.failedFuture(new UaException(StatusCodes.Bad_MessageNotAvailable));
        }
        NotificationMessage message = message(messages.size() + 1, huge);
        messages.add(message);
        return CompletableFuture.completedFuture(new PublishResponse(header(), SUBSCRIPTION,
            new UInteger[0], false, message, new StatusCode[0], null));
      }
    };
    for (int i = 0; i < 4; i++) {
      big.sendRequestMessage(publish()).get(5, TimeUnit.SECONDS);
    }

    assertInstanceOf(RepublishResponse.class, big.sendRequestMessage(republish(4)).get(5, TimeUnit.SECONDS));
    assertInstanceOf(RepublishResponse.class, big.sendRequestMessage(republish(3)).get(5, TimeUnit.SECONDS));
    assertTrue(big.sendRequestMessage(republish(2)).isCompletedExceptionally());
    assertEquals(PublishLedger.KEPT_AT_LEAST, big.republishedLocally());
  }

  private static NotificationMessage message(long seq) {
    return message(seq, MESSAGE_BYTES);
  }

  private static NotificationMessage message(long seq, int bytes) {
    byte[] body = new byte[bytes];
    body[0] = (byte) seq;
    return new NotificationMessage(UInteger.valueOf(seq), DateTime.now(),
        new ExtensionObject[] {ExtensionObject.of(ByteString.of(body), NodeId.NULL_VALUE)});
  }

  private static ResponseHeader header() {
    return new ResponseHeader(DateTime.now(), UInteger.MIN, StatusCode.GOOD, null, new String[0], null);
  }

  private static RequestHeader requestHeader() {
    return new RequestHeader(NodeId.NULL_VALUE, DateTime.now(), UInteger.MIN, UInteger.MIN, null,
        UInteger.valueOf(10_000), null);
  }

  private static PublishRequest publish() {
    return new PublishRequest(requestHeader(), null);
  }

  private static RepublishRequest republish(long seq) {
    return new RepublishRequest(requestHeader(), SUBSCRIPTION, UInteger.valueOf(seq));
  }
}
