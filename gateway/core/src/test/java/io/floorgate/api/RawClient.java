package io.floorgate.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A client on a plain socket, byte by byte: it can send half a request, hold a connection idle,
 * or leave a WebSocket ping unanswered, which no HTTP library lets a test do.
 */
final class RawClient implements AutoCloseable {

  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A WebSocket frame from the server (never masked, never fragmented here). */
  record Frame(int opcode, byte[] payload) {}

  static final int TEXT = 0x1;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;

  final Socket socket;
  private final InputStream in;

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    // A bound on every read: a server that never answers fails the test instead of hanging it.
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
  }

  void send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** Reads one response; {@code head}: it has headers only, whatever its Content-Length says. */
  Response read(boolean head) throws IOException {
    String status = line();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
    int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Response(Integer.parseInt(status.split(" ")[1]), headers,
        new String(body, StandardCharsets.UTF_8));
  }

  Response read() throws IOException {
    return read(false);
  }

  /** Bytes the server has sent that are not read yet. */
  int available() throws IOException {
    return in.available();
  }

  /** Whether the server has closed the connection (reads the end of the stream). */
  boolean closedByServer() throws IOException {
    return in.read() == -1;
  }

  /** Sends a WebSocket upgrade for {@code path}; {@code origin} null sends none. */
  void upgrade(String path, String host, String origin) throws IOException {
    send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
        + "\r\n");
  }

  Frame frame() throws IOException {
    int first = in.read();
    int second = in.read();
    if (first < 0 || second < 0) {
      throw new IOException("connection closed instead of a frame");
    }
    long length = second & 0x7f;
    if (length == 126) {
      length = ((long) in.read() << 8) | in.read();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | in.read();
      }
    }
    return new Frame(first & 0x0f, in.readNBytes((int) length));
  }

  /** A pong, masked as a client's frames must be. */
  void pong() throws IOException {
    socket.getOutputStream().write(new byte[] {(byte) 0x8A, (byte) 0x80, 1, 2, 3, 4});
    socket.getOutputStream().flush();
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-response: " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
