package io.floorgate.reading;

/** Which clock a reading's {@link Reading#timestamp()} came from. */
public enum TimestampSource {
  /** The PLC's own timestamp (OPC UA SourceTimestamp). */
  SOURCE,
  /** The OPC UA server's timestamp (ServerTimestamp). */
  SERVER,
  /** The gateway's clock at reception. */
  GATEWAY
}
