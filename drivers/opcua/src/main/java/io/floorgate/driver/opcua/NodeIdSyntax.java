package io.floorgate.driver.opcua;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The OPC UA node id string form ({@code ns=2;s=RHK01.Zone03.TempPV}, {@code i=2258},
 * {@code nsu=urn:…;s=…}), checked by syntax alone when the configuration is read (no Milo type
 * is built then).
 * Whether the node exists is the driver's to find out.
 */
final class NodeIdSyntax {

  private static final Pattern FORM = Pattern.compile(
      "(?:(?:ns=(?<ns>\\d{1,5})|nsu=(?<nsu>[^;]+));)?(?<type>[isgb])=(?<id>.+)", Pattern.DOTALL);
  private static final Pattern GUID = Pattern.compile(
      "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
  private static final String EXAMPLE = "write ns=<index>;s=<name> (or i=, g=, b=), e.g. "
      + "ns=2;s=RHK01.Zone01.TempPV, or nsu=<namespace uri>;s=<name>";

  private NodeIdSyntax() {}

  /**
   * A node id split where the namespace is named: by URI ({@code nsu=}), by index ({@code ns=},
   * 0 when absent), and the identifier part ({@code s=…}, {@code i=…}, {@code g=…}, {@code b=…}).
   */
  record Parts(@Nullable String uri, int index, String identifier) {}

  /** {@code nodeId} split into its parts; null when its syntax is not valid ({@link #problem}). */
  static @Nullable Parts parts(String nodeId) {
    if (problem(nodeId) != null) {
      return null;
    }
    Matcher m = FORM.matcher(nodeId);
    if (!m.matches()) {
      return null;
    }
    String ns = m.group("ns");
    return new Parts(m.group("nsu"), ns == null ? 0 : Integer.parseInt(ns),
        m.group("type") + "=" + m.group("id"));
  }

  /** What is wrong with {@code nodeId}, with the fix; null when its syntax is valid. */
  static @Nullable String problem(String nodeId) {
    Matcher m = FORM.matcher(nodeId);
    if (!m.matches()) {
      return "'" + nodeId + "' is not an OPC UA node id; " + EXAMPLE;
    }
    String ns = m.group("ns");
    if (ns != null && Integer.parseInt(ns) > 65_535) {
      return "'" + nodeId + "': namespace index " + ns + " is above 65535";
    }
    String id = m.group("id");
    switch (m.group("type")) {
      case "i":
        if (!id.matches("\\d{1,10}") || Long.parseLong(id) > 4_294_967_295L) {
          return "'" + nodeId + "': a numeric id (i=) is a whole number 0..4294967295; for a name "
              + "use s=" + id;
        }
        return null;
      case "g":
        return GUID.matcher(id).matches() ? null
            : "'" + nodeId + "': a GUID id (g=) looks like g=09087e75-8e5e-499b-954f-f2a9603db28a";
      case "b":
        return BASE64.matcher(id).matches() && id.length() % 4 == 0 ? null
            : "'" + nodeId + "': an opaque id (b=) is base64, e.g. b=M/RbKBsRVkePCePcx24oRA==";
      default:
        return null;
    }
  }
}
