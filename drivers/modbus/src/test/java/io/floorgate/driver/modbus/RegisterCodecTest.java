package io.floorgate.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RegisterCodecTest {

  /** Edge and everyday values of every register type, in the Java type decode returns. */
  static final List<Arguments> VALUES = List.of(
      Arguments.of("int16", List.of(-32768, -1, 0, 12345, 32767)),
      Arguments.of("uint16", List.of(0, 54321, 65535)),
      Arguments.of("int32", List.of(Integer.MIN_VALUE, -123456789, 0, Integer.MAX_VALUE)),
      Arguments.of("uint32", List.of(0L, 3_000_000_000L, 4_294_967_295L)),
      Arguments.of("int64", List.of(Long.MIN_VALUE, -1234567890123456789L, Long.MAX_VALUE)),
      Arguments.of("uint64", List.of(0L, Long.MAX_VALUE, BigInteger.ONE.shiftLeft(63),
          new BigInteger("18000000000000000000"), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))),
      Arguments.of("float32", List.of(123.456f, -0.0f, Float.NaN, Float.MAX_VALUE, Float.MIN_VALUE)),
      Arguments.of("float64", List.of(-9876.54321, Double.MIN_VALUE, Double.NaN, Math.PI)),
      Arguments.of("string(5)", List.of("Floorgate", "", "A", "ÄÖÜ 10°C")));

  static Stream<Arguments> everyTypeValueAndOrder() {
    return VALUES.stream().flatMap(a -> {
      String type = (String) a.get()[0];
      List<?> values = (List<?>) a.get()[1];
      return Arrays.stream(RegisterOrder.values())
          .flatMap(order -> values.stream().map(v -> Arguments.of(type, order, v)));
    });
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("everyTypeValueAndOrder")
  void everyTypeRoundTripsInEveryOrder(String typeText, RegisterOrder order, Object value) {
    DataType type = DataType.parse(typeText);
    byte[] wire = RegisterCodec.encode(type, order, value);

    assertEquals(type.registers() * 2, wire.length);
    assertEquals(value, RegisterCodec.decode(type, order, wire, 0));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      // float 123.456 = 0x42F6E979, as analyzers send it in each order
      "float32, ABCD, 42F6 E979",
      "float32, CDAB, E979 42F6",
      "float32, BADC, F642 79E9",
      "float32, DCBA, 79E9 F642",
      "int32,   ABCD, 1234 5678",
      "int32,   CDAB, 5678 1234",
      "int32,   BADC, 3412 7856",
      "int32,   DCBA, 7856 3412",
      "int16,   ABCD, 1234",
      "int16,   CDAB, 1234",
      "int16,   BADC, 3412",
      "int16,   DCBA, 3412",
      "int64,   ABCD, 0102 0304 0506 0708",
      "int64,   CDAB, 0708 0506 0304 0102",
      "int64,   BADC, 0201 0403 0605 0807",
      "int64,   DCBA, 0807 0605 0403 0201",
  })
  void knownVectorsDecodeAsRealDevicesLayThemOut(String type, RegisterOrder order, String hex) {
    Object expected = switch (type) {
      case "float32" -> 123.456f;
      case "int32" -> 0x12345678;
      case "int16" -> 0x1234;
      default -> 0x0102030405060708L;
    };
    short[] registers = registers(hex);
    byte[] wire = RegisterCodec.toBytes(registers);

    assertEquals(expected, RegisterCodec.decode(DataType.parse(type), order, wire, 0));
    assertArrayEquals(registers,
        RegisterCodec.toShorts(RegisterCodec.encode(DataType.parse(type), order, expected)));
  }

  @Test
  void float64OneInWordSwappedOrderPutsTheExponentLast() {
    short[] regs = RegisterCodec.toShorts(RegisterCodec.encode(DataType.parse("float64"),
        RegisterOrder.CDAB, 1.0));

    assertArrayEquals(registers("0000 0000 0000 3FF0"), regs);
  }

  @ParameterizedTest
  @EnumSource(RegisterOrder.class)
  void theFourOrdersLayADistinctValueOutFourWays(RegisterOrder ignored) {
    Set<List<Short>> layouts = new HashSet<>();
    for (RegisterOrder o : RegisterOrder.values()) {
      short[] r = RegisterCodec.toShorts(RegisterCodec.encode(DataType.parse("uint32"), o, 0x11223344L));
      layouts.add(List.of(r[0], r[1]));
    }
    assertEquals(4, layouts.size());
  }

  @Test
  void uint64UpToLongMaxDecodesAsLongAndAboveAsBigInteger() {
    DataType u64 = DataType.parse("uint64");
    byte[] max = RegisterCodec.encode(u64, RegisterOrder.ABCD, Long.MAX_VALUE);
    byte[] above = RegisterCodec.encode(u64, RegisterOrder.ABCD, BigInteger.ONE.shiftLeft(63));

    assertEquals(Long.class, RegisterCodec.decode(u64, RegisterOrder.ABCD, max, 0).getClass());
    assertEquals(BigInteger.class, RegisterCodec.decode(u64, RegisterOrder.ABCD, above, 0).getClass());
  }

  @Test
  void stringsKeepAscendingRegistersAndSwapBytesOnlyWhenByteSwapped() {
    DataType s = DataType.string(2);

    assertArrayEquals(registers("466C 6F6F"), RegisterCodec.toShorts(
        RegisterCodec.encode(s, RegisterOrder.CDAB, "Floo")));
    assertArrayEquals(registers("6C46 6F6F"), RegisterCodec.toShorts(
        RegisterCodec.encode(s, RegisterOrder.DCBA, "Floo")));
    assertEquals("Fl", RegisterCodec.decode(s, RegisterOrder.ABCD, RegisterCodec.toBytes(
        registers("466C 0041")), 0), "text ends at the first NUL");
  }

  @ParameterizedTest(name = "bit {0} {1}")
  @CsvSource({"0, ABCD, 0001", "15, ABCD, 8000", "0, BADC, 0100", "15, DCBA, 0080", "9, CDAB, 0200"})
  void bitNIsCountedFromTheLeastSignificantBitOfTheRegisterValue(int bit, RegisterOrder order,
      String hex) {
    byte[] wire = RegisterCodec.toBytes(registers(hex));

    assertEquals(true, RegisterCodec.decode(DataType.bit(bit), order, wire, 0));
    assertEquals(false, RegisterCodec.decode(DataType.bit((bit + 1) % 16), order, wire, 0));
    assertEquals(Integer.parseInt(hex, 16), RegisterCodec.bitMask(DataType.bit(bit), order));
  }

  @Test
  void packedCoilBitsAreReadLeastSignificantFirst() {
    byte[] packed = {(byte) 0b0000_0101, (byte) 0b1000_0000};

    assertEquals(List.of(true, false, true, false, false, false, false, false, false, false, false,
        false, false, false, false, true), Stream.iterate(0, i -> i + 1).limit(16)
        .map(i -> RegisterCodec.bitAt(packed, i)).toList());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "int16   | 40000 | value 40000 does not fit int16 (-32768..32767)",
      "uint16  | -1    | value -1 does not fit uint16 (0..65535)",
      "uint32  | -5    | value -5 does not fit uint32 (0..4294967295)",
      "string(2) | Floorgate | 'Floorgate' does not fit string(2): at most 4 ISO-8859-1 characters",
  })
  void valuesThatDoNotFitAreRefusedWithTheRange(String type, String value, String message) {
    Object v = type.startsWith("string") ? value : (Object) Long.parseLong(value);
    var e = assertThrows(IllegalArgumentException.class,
        () -> RegisterCodec.encode(DataType.parse(type), RegisterOrder.ABCD, v));
    assertEquals(message, e.getMessage());
  }

  @Test
  void aFractionIsRefusedForAnIntegerType() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> RegisterCodec.encode(DataType.parse("int32"), RegisterOrder.ABCD, 1.5));
    assertEquals("int32 takes an integer, not Double 1.5", e.getMessage());
  }

  @Test
  void aShortResponseIsReportedNotReadPastItsEnd() {
    var e = assertThrows(IllegalArgumentException.class, () -> RegisterCodec.decode(
        DataType.parse("float64"), RegisterOrder.ABCD, new byte[6], 0));
    assertTrue(e.getMessage().contains("the response has 3"), e.getMessage());
  }

  static short[] registers(String hex) {
    String[] words = hex.trim().split("\\s+");
    short[] r = new short[words.length];
    for (int i = 0; i < words.length; i++) {
      r[i] = (short) Integer.parseInt(words[i], 16);
    }
    return r;
  }
}
