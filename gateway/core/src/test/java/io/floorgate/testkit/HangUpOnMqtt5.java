package io.floorgate.testkit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback front to a broker that closes the connection, without a CONNACK, on an MQTT 5
 * CONNECT and relays everything else: how aedes and some other 3.1.1-only brokers answer MQTT 5
 * ("Connection lost (32109) - EOFException" in the client, which could as well be a refusal of
 * the credentials).
 */
public final class HangUpOnMqtt5 implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

  public HangUpOnMqtt5(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "test-hang-up-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String url() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread thread = new Thread(() -> relay(client), "test-hang-up-relay");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        // Closed: the test is over.
      }
    }
  }

  /** Reads the CONNECT's fixed header and protocol level; relays unless it is MQTT 5. */
  private void relay(Socket client) {
    try {
      DataInputStream in = new DataInputStream(client.getInputStream());
      byte[] head = new byte[5 + 6 + 1];
      int n = 0;
      head[n++] = in.readByte(); // CONNECT
      int b;
      do {
        b = in.readUnsignedByte();
        head[n++] = (byte) b;
      } while ((b & 0x80) != 0 && n < 5);
      in.readFully(head, n, 7); // protocol name "\0\4MQTT" and the level
      n += 7;
      if (head[n - 1] == 5) {
        client.close();
        return;
      }
      Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      sockets.add(broker);
      broker.getOutputStream().write(head, 0, n);
      pump(client, broker);
      pump(broker, client);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          out.write(buffer, 0, read);
        }
      } catch (IOException e) {
        // One side closed; close the other so the peer sees it.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "test-hang-up-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(HangUpOnMqtt5::closeQuietly);
  }
}
