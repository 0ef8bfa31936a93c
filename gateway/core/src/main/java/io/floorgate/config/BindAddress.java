package io.floorgate.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks an address a server listens on ({@code api.bind}) before anything starts: a literal IP
 * address, or a host name this machine resolves. Names are looked up only when they are names;
 * text that is neither is refused without a lookup.
 */
final class BindAddress {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  /** {@code 0.0.0.0:8480}, {@code gw.local:8480}, {@code [::1]:8480}. */
  private static final Pattern WITH_PORT = Pattern.compile("(?:[^:\\[\\]]+|\\[.*]):\\d+");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern HOST_NAME = Pattern.compile(
      "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final String CHOICES = "write 127.0.0.1 (this machine only), 0.0.0.0 (every "
      + "interface) or one of this machine's addresses";

  private BindAddress() {}

  /** What the text is, checked. */
  record Checked(@Nullable String error, @Nullable String warning) {}

  static Checked check(String text) {
    String host = text.startsWith("[") && text.endsWith("]")
        ? text.substring(1, text.length() - 1) : text;
    if (WITH_PORT.matcher(text).matches()) {
      return new Checked("'" + text + "' holds a port; give the address alone here and the port "
          + "in api.port", null);
    }
    InetAddress address;
    try {
      if (IPV4.matcher(host).matches()) {
        for (String octet : host.split("\\.")) {
          if (Integer.parseInt(octet) > 255) {
            return new Checked("'" + text + "' is not an IP address (" + octet + " is above 255); "
                + CHOICES, null);
          }
        }
        address = InetAddress.getByName(host);
      } else if (IPV6.matcher(host).matches()) {
        address = InetAddress.getByName(host);
      } else if (HOST_NAME.matcher(host).matches()) {
        address = InetAddress.getByName(host);
      } else {
        return new Checked("'" + text + "' is neither an IP address nor a host name; " + CHOICES,
            null);
      }
    } catch (UnknownHostException e) {
      return new Checked("'" + text + "' is not an IP address nor a name this machine resolves; "
          + CHOICES, null);
    }
    return new Checked(null, isLocal(address) ? null : "'" + text + "' ("
        + address.getHostAddress() + ") is not an address of this machine: run listens on it "
        + "only where it is; " + CHOICES);
  }

  private static boolean isLocal(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (IOException e) {
      return true; // unknown here: run will say
    }
  }
}
