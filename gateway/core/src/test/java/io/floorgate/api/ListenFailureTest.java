package io.floorgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A bind that fails, on real sockets, said as the cause and the setting that fixes it. */
class ListenFailureTest {

  @Test
  void aPortAnotherProcessHoldsIsNamedWithTheSettingThatMovesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () ->
          ListenFailure.check("127.0.0.1", taken.getLocalPort(), "api.bind", "api.port"));

      assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is in use by another "
          + "process: stop it or set api.port", e.getMessage());
    }
  }

  @Test
  void anAddressThisHostDoesNotHaveIsNamedWithTheBindSetting() {
    // TEST-NET-1 (RFC 5737): never an address of this host.
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        ListenFailure.check("192.0.2.1", 18_480, "api.bind", "api.port"));

    assertTrue(e.getMessage().startsWith("192.0.2.1 is not an address of this host: set "
        + "api.bind"), e.getMessage());
  }

  @Test
  void aFreePortPasses() {
    ListenFailure.check("127.0.0.1", 0, "api.bind", "api.port");
  }
}
