package io.floorgate.sim;

import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;

/** The timestamps of one scan: the PLC's own clock (source) and the server's clock. */
record Stamp(DateTime source, DateTime server) {}
