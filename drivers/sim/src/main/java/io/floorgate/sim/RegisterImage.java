package io.floorgate.sim;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import java.util.List;

/**
 * What a Modbus device answers with at one moment: its four tables, each from address 0. A device
 * swaps the whole image after every update, so a read never sees half of one and never waits for
 * the physics. Registers are unsigned 16-bit values, 0 to 65535.
 */
record RegisterImage(
    List<Integer> holdingRegisters,
    List<Integer> inputRegisters,
    List<Boolean> coils,
    List<Boolean> discreteInputs) {

  RegisterImage {
    holdingRegisters = List.copyOf(holdingRegisters);
    inputRegisters = List.copyOf(inputRegisters);
    coils = List.copyOf(coils);
    discreteInputs = List.copyOf(discreteInputs);
  }

  /**
   * The registers {@code address .. address + quantity - 1}, two bytes each, high byte first.
   *
   * @throws ModbusResponseException illegal data address when any of them is not mapped
   */
  static byte[] registers(List<Integer> table, int functionCode, int address, int quantity)
      throws ModbusResponseException {
    checkMapped(table.size(), functionCode, address, quantity);
    byte[] bytes = new byte[quantity * 2];
    for (int i = 0; i < quantity; i++) {
      int word = table.get(address + i);
      bytes[2 * i] = (byte) (word >>> 8);
      bytes[2 * i + 1] = (byte) word;
    }
    return bytes;
  }

  /**
   * The bits {@code address .. address + quantity - 1}, packed eight to a byte with the first bit
   * in the lowest place, as Modbus sends coils and discrete inputs.
   *
   * @throws ModbusResponseException illegal data address when any of them is not mapped
   */
  static byte[] bits(List<Boolean> table, int functionCode, int address, int quantity)
      throws ModbusResponseException {
    checkMapped(table.size(), functionCode, address, quantity);
    byte[] bytes = new byte[(quantity + 7) / 8];
    for (int i = 0; i < quantity; i++) {
      if (table.get(address + i)) {
        bytes[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return bytes;
  }

  private static void checkMapped(int size, int functionCode, int address, int quantity)
      throws ModbusResponseException {
    if (address < 0 || quantity < 1 || (long) address + quantity > size) {
      throw new ModbusResponseException(
          functionCode, ExceptionCode.ILLEGAL_DATA_ADDRESS.getCode());
    }
  }
}
