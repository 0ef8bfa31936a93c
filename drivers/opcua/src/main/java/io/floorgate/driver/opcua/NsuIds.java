package io.floorgate.driver.opcua;

import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * Node ids as {@code browse} writes them: with the namespace URI ({@code nsu=…;s=…}) rather than
 * the index, because a server's namespace table may list its namespaces in another order after a
 * restart. Namespace 0 (OPC UA's own) keeps its short form.
 */
final class NsuIds {

  private NsuIds() {}

  static String of(NodeId id, NamespaceTable namespaces) {
    if (id.getNamespaceIndex().intValue() == 0) {
      return id.toParseableString();
    }
    String uri = namespaces.get(id.getNamespaceIndex());
    // The string form has no escape for ';' in a URI: keep the index for such a namespace.
    if (uri == null || uri.isEmpty() || uri.indexOf(';') >= 0) {
      return id.toParseableString();
    }
    return id.expanded(namespaces).toParseableString();
  }
}
