package io.floorgate.driver.modbus;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One register map with a known value in every type and order, served by both test servers: the
 * library's (seeded here through {@link RegisterCodec}) and libmodbus's
 * ({@code src/test/c/modbus-server.c}, which lays the same values out with its own code). Keep the
 * two in step: the C file's comment lists the same addresses.
 *
 * <pre>
 * hr:(16*type + 4*order)  type in [int16, uint16, int32, uint32, int64, uint64, float32, float64],
 *                         order in [ABCD, CDAB, BADC, DCBA]; hr:0..127
 * hr:128  string(5) ABCD "Floorgate"     hr:136  string(5) BADC "Floorgate"
 * hr:144  uint16 0xA5C3, read as bit(0), bit(2), bit(8), bit(15) in ABCD and bit(0) in BADC
 * ir:0    int16 -2                       ir:1    float32 CDAB 123.456
 * coil:0..7  1 0 1 0 0 1 0 1             di:0..3  1 0 0 1
 * nothing above hr:144 (libmodbus answers exception 2 there)
 * </pre>
 */
final class KnownMap {

  static final String[] TYPES = {"int16", "uint16", "int32", "uint32", "int64", "uint64",
      "float32", "float64"};
  static final RegisterOrder[] ORDERS = {RegisterOrder.ABCD, RegisterOrder.CDAB,
      RegisterOrder.BADC, RegisterOrder.DCBA};
  static final int LAST_HOLDING_REGISTER = 144;

  private KnownMap() {}

  static Object value(String type) {
    return switch (type) {
      case "int16" -> -12345;
      case "uint16" -> 54321;
      case "int32" -> -123456789;
      case "uint32" -> 3_000_000_000L;
      case "int64" -> -1234567890123456789L;
      case "uint64" -> new BigInteger("18000000000000000000");
      case "float32" -> 123.456f;
      case "float64" -> -9876.54321;
      default -> throw new IllegalArgumentException(type);
    };
  }

  /** Tag key → the value the device holds. */
  static Map<String, Object> expected() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String type : TYPES) {
      for (RegisterOrder order : ORDERS) {
        m.put(type + "/" + order, value(type));
      }
    }
    m.put("string/ABCD", "Floorgate");
    m.put("string/BADC", "Floorgate");
    for (int bit : new int[] {0, 1, 2, 6, 8, 15}) {
      m.put("status.bit" + bit, (0xA5C3 >> bit & 1) == 1);
    }
    m.put("status.bit0/BADC", (0xA5C3 >> 8 & 1) == 1);
    m.put("ir.int16", -2);
    m.put("ir.float32/CDAB", 123.456f);
    int[] coils = {1, 0, 1, 0, 0, 1, 0, 1};
    for (int i = 0; i < coils.length; i++) {
      m.put("coil" + i, coils[i] == 1);
    }
    int[] inputs = {1, 0, 0, 1};
    for (int i = 0; i < inputs.length; i++) {
      m.put("di" + i, inputs[i] == 1);
    }
    return m;
  }

  static List<ModbusTag> tags() {
    List<ModbusTag> tags = new ArrayList<>();
    for (int t = 0; t < TYPES.length; t++) {
      for (int o = 0; o < ORDERS.length; o++) {
        tags.add(ModbusTag.parse(TYPES[t] + "/" + ORDERS[o], "hr:" + (16 * t + 4 * o), TYPES[t],
            ORDERS[o].name()));
      }
    }
    tags.add(ModbusTag.parse("string/ABCD", "hr:128", "string(5)", "ABCD"));
    tags.add(ModbusTag.parse("string/BADC", "hr:136", "string(5)", "BADC"));
    for (int bit : new int[] {0, 1, 2, 6, 8, 15}) {
      tags.add(ModbusTag.parse("status.bit" + bit, "hr:144", "bit(" + bit + ")", "ABCD"));
    }
    tags.add(ModbusTag.parse("status.bit0/BADC", "hr:144", "bit(0)", "BADC"));
    tags.add(ModbusTag.parse("ir.int16", "ir:0", "int16", "ABCD"));
    tags.add(ModbusTag.parse("ir.float32/CDAB", "ir:1", "float32", "CDAB"));
    for (int i = 0; i < 8; i++) {
      tags.add(ModbusTag.parse("coil" + i, "coil:" + i, "bool", "ABCD"));
    }
    for (int i = 0; i < 4; i++) {
      tags.add(ModbusTag.parse("di" + i, "di:" + i, "bool", "ABCD"));
    }
    return tags;
  }

  /** Seeds the library's server through the codec. */
  static void seed(LibraryServer server) {
    for (ModbusTag t : tags()) {
      Object v = expected().get(t.key());
      switch (t.address().table()) {
        case COIL -> server.coil(t.address().offset(), (Boolean) v);
        case DISCRETE_INPUT -> server.discreteInput(t.address().offset(), (Boolean) v);
        case INPUT_REGISTER -> server.inputRegisters(t.address().offset(),
            RegisterCodec.encode(t.type(), t.order(), v));
        case HOLDING_REGISTER -> {
          if (t.type().kind() != DataType.Kind.BIT) {
            server.holdingRegisters(t.address().offset(),
                RegisterCodec.encode(t.type(), t.order(), v));
          }
        }
      }
    }
    server.holdingRegisters(144, new byte[] {(byte) 0xA5, (byte) 0xC3});
  }
}
