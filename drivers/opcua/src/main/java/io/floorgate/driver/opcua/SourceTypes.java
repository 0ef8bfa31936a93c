package io.floorgate.driver.opcua;

import io.floorgate.driver.SourceType;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.jspecify.annotations.Nullable;

/**
 * The SPI's {@link SourceType} of an OPC UA variable: from its DataType and ValueRank attributes
 * (known before any value, and for a null one), else from the type of the value it sent.
 */
final class SourceTypes {

  private SourceTypes() {}

  /**
   * The type a variable declares, or null when its DataType is a structure, an abstract type
   * (BaseDataType, Number) or one of the server's own, or its ValueRank allows both scalars and
   * arrays: then the values tell.
   *
   * @param valueRank the ValueRank attribute: -1 scalar, 1 one-dimensional array
   */
  static @Nullable SourceType declared(@Nullable NodeId dataType, int valueRank) {
    if (dataType == null || (valueRank != -1 && valueRank != 1)) {
      return null;
    }
    SourceType scalar = scalar(dataType);
    return scalar == null ? null : valueRank == 1 ? scalar.array() : scalar;
  }

  /** The type of a value as it arrived, or null for none or a value with no plain form. */
  static @Nullable SourceType of(@Nullable Variant variant) {
    Object value = variant == null ? null : variant.value();
    if (value == null) {
      return null;
    }
    boolean array = value.getClass().isArray();
    Class<?> type = array ? value.getClass().getComponentType() : value.getClass();
    OpcUaDataType builtin = OpcUaDataType.isBuiltin(type) ? OpcUaDataType.fromBackingClass(type)
        : null;
    SourceType scalar = builtin == null ? null : of(builtin);
    return scalar == null ? null : array ? scalar.array() : scalar;
  }

  private static @Nullable SourceType scalar(NodeId dataType) {
    OpcUaDataType builtin = OpcUaDataType.fromNodeId(dataType);
    if (builtin != null) {
      return of(builtin);
    }
    if (dataType.getNamespaceIndex().intValue() != 0
        || !(dataType.getIdentifier() instanceof UInteger id)) {
      return null;
    }
    // The standard's subtypes of built-in types that plant servers use for variables.
    return switch (id.intValue()) {
      case 29 -> SourceType.INT32; // Enumeration: its values are Int32
      case 288, 289 -> SourceType.UINT32; // IntegerId, Counter
      case 290 -> SourceType.DOUBLE; // Duration
      case 294 -> SourceType.DATETIME; // UtcTime
      case 291, 295, 12877, 12878, 12879, 12880, 12881 -> SourceType.STRING; // NumericRange,
      // LocaleId, NormalizedString, DecimalString, DurationString, TimeString, DateString
      case 311 -> SourceType.BYTES; // ApplicationInstanceCertificate
      default -> null;
    };
  }

  private static @Nullable SourceType of(OpcUaDataType builtin) {
    return switch (builtin) {
      case Boolean -> SourceType.BOOLEAN;
      case SByte -> SourceType.INT8;
      case Byte -> SourceType.UINT8;
      case Int16 -> SourceType.INT16;
      case UInt16 -> SourceType.UINT16;
      case Int32 -> SourceType.INT32;
      case UInt32 -> SourceType.UINT32;
      case Int64 -> SourceType.INT64;
      case UInt64 -> SourceType.UINT64;
      case Float -> SourceType.FLOAT;
      case Double -> SourceType.DOUBLE;
      case String, NodeId, ExpandedNodeId, QualifiedName, StatusCode -> SourceType.STRING;
      case DateTime -> SourceType.DATETIME;
      case Guid -> SourceType.UUID;
      case ByteString -> SourceType.BYTES;
      case XmlElement, LocalizedText -> SourceType.TEXT;
      case ExtensionObject, DataValue, Variant, DiagnosticInfo -> null;
    };
  }
}
