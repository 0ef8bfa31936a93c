package io.floorgate.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Why a server could not listen on an address, said as the fix an operator can make: a port
 * another process holds, an address this host does not have, a port below 1024 without the
 * privilege. Used by every server the gateway and its lab start, so the same cause reads the same.
 */
public final class ListenFailure {

  private ListenFailure() {}

  /**
   * One line for a failed bind, e.g. "port 8480 on 127.0.0.1 is in use by another process: stop
   * it or set api.port".
   *
   * @param bindKey where the address is set (a config key or a command-line option)
   * @param portKey where the port is set
   */
  public static String describe(String host, int port, Throwable failure, String bindKey,
      String portKey) {
    String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    if (failure instanceof UnresolvedAddressException || failure instanceof UnknownHostException) {
      return host + " is not a known address of this host: set " + bindKey
          + " to one of its addresses (127.0.0.1 for this host only, 0.0.0.0 for every interface)";
    }
    if (message.contains("in use")) {
      return "port " + port + " on " + host + " is in use by another process: stop it or set "
          + portKey;
    }
    if (message.contains("assign requested address")) {
      return host + " is not an address of this host: set " + bindKey + " to one of its "
          + "addresses (127.0.0.1 for this host only, 0.0.0.0 for every interface)";
    }
    if (message.contains("permission denied") || message.contains("access denied")) {
      return "port " + port + " on " + host + " needs privileges this process does not have "
          + "(ports below 1024): set " + portKey + " to 1024 or above";
    }
    return "cannot listen on " + host + ":" + port + " (" + failure + "): check " + bindKey
        + " and " + portKey;
  }

  /**
   * Fails with {@link #describe}'s line when {@code host:port} cannot be listened on now; for
   * servers whose own failure to bind is slow or noisy. Port 0 always passes.
   *
   * @throws IllegalStateException naming the cause and the fix
   */
  public static void check(String host, int port, String bindKey, String portKey) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      // The server to come sets SO_REUSEADDR too: a port in TIME_WAIT is not a conflict.
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new IllegalStateException(describe(host, port, e, bindKey, portKey), e);
    }
  }
}
