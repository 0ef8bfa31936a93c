package io.floorgate.driver.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floorgate.driver.SourceType;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SourceTypesTest {

  static Stream<Arguments> dataTypes() {
    return Stream.of(
        Arguments.of(NodeIds.UInt64, -1, SourceType.UINT64),
        Arguments.of(NodeIds.SByte, -1, SourceType.INT8),
        Arguments.of(NodeIds.Byte, -1, SourceType.UINT8),
        Arguments.of(NodeIds.DateTime, -1, SourceType.DATETIME),
        Arguments.of(NodeIds.UtcTime, -1, SourceType.DATETIME),
        Arguments.of(NodeIds.Duration, -1, SourceType.DOUBLE),
        Arguments.of(NodeIds.ByteString, -1, SourceType.BYTES),
        Arguments.of(NodeIds.Guid, -1, SourceType.UUID),
        Arguments.of(NodeIds.LocalizedText, -1, SourceType.TEXT),
        Arguments.of(NodeIds.Enumeration, -1, SourceType.INT32),
        Arguments.of(NodeIds.Int32, 1, SourceType.INT32_ARRAY),
        Arguments.of(NodeIds.String, 1, SourceType.STRING_ARRAY),
        Arguments.of(NodeIds.Boolean, 1, SourceType.BOOLEAN_ARRAY));
  }

  @ParameterizedTest(name = "{0} rank {1}")
  @MethodSource("dataTypes")
  void aVariableDeclaresItsTypeByDataTypeAndValueRank(NodeId dataType, int rank,
      SourceType expected) {
    assertEquals(expected, SourceTypes.declared(dataType, rank));
  }

  @Test
  void typesTheValuesMustTellAreNotDeclared() {
    assertNull(SourceTypes.declared(NodeIds.BaseDataType, -1));
    assertNull(SourceTypes.declared(NodeIds.Number, -1));
    assertNull(SourceTypes.declared(NodeIds.Structure, -1));
    assertNull(SourceTypes.declared(new NodeId(3, 3002), -1));
    // ScalarOrOneDimension, Any, OneOrMoreDimensions: a value may be either.
    assertNull(SourceTypes.declared(NodeIds.Double, -3));
    assertNull(SourceTypes.declared(NodeIds.Double, -2));
    assertNull(SourceTypes.declared(NodeIds.Double, 0));
    assertNull(SourceTypes.declared(NodeIds.Double, 2));
  }

  @Test
  void withoutADeclarationTheValueTellsItsType() {
    assertEquals(SourceType.UINT64, SourceTypes.of(Variant.ofUInt64(ulong(7L))));
    assertEquals(SourceType.UINT8, SourceTypes.of(Variant.ofByte(ubyte(7))));
    assertEquals(SourceType.DATETIME, SourceTypes.of(Variant.ofDateTime(DateTime.now())));
    assertEquals(SourceType.BYTES, SourceTypes.of(Variant.ofByteString(ByteString.of(new byte[1]))));
    assertEquals(SourceType.UUID, SourceTypes.of(Variant.ofGuid(UUID.randomUUID())));
    assertEquals(SourceType.TEXT, SourceTypes.of(Variant.ofLocalizedText(LocalizedText.english("x"))));
    assertEquals(SourceType.DOUBLE_ARRAY, SourceTypes.of(new Variant(new Double[] {1.0})));
    assertEquals(SourceType.INT32_ARRAY, SourceTypes.of(new Variant(new Integer[0])));
    assertNull(SourceTypes.of(Variant.NULL_VALUE));
  }

  @Test
  void aNullValueCarriesTheDeclaredType() {
    var sample = SampleMapper.toSample("plc", "label", new DataValue(Variant.NULL_VALUE),
        Instant.now(), SourceType.STRING);
    var bad = SampleMapper.badSample("plc", "label",
        new StatusCode(StatusCodes.Bad_NoCommunication), Instant.now(), SourceType.STRING);

    assertNull(sample.value());
    assertEquals(SourceType.STRING, sample.sourceType());
    assertEquals(SourceType.STRING, bad.sourceType());
  }

  @Test
  void theDeclaredTypeWinsOverTheValuesJavaForm() {
    // A DateTime arrives as text in the sample; its type still says DateTime.
    var sample = SampleMapper.toSample("plc", "t",
        new DataValue(Variant.ofDateTime(DateTime.now())), Instant.now(), null);

    assertEquals(SourceType.DATETIME, sample.sourceType());
    assertEquals(String.class, sample.value().getClass());
  }
}
