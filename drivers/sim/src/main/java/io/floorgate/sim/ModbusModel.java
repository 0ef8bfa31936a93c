package io.floorgate.sim;

import com.digitalpetri.modbus.ExceptionCode;
import java.util.List;
import java.util.Optional;

/**
 * The physics and register map of one simulated Modbus device. Its {@link ModbusDevice} calls it
 * under one lock: steps from the plant's update, writes from client requests.
 */
interface ModbusModel {

  /** {@code O2A01} or {@code PM01}. */
  String name();

  /** The unit id the device answers to. */
  int unitId();

  /** Advances the physics by {@code seconds} under the kiln's state. */
  void step(KilnReadout kiln, double seconds);

  /** The registers and bits as they read now. */
  RegisterImage image();

  /**
   * A client writes {@code value} to the coil at {@code address}.
   *
   * @return the exception to answer with, or empty when the write was taken
   */
  default Optional<ExceptionCode> writeCoil(int address, boolean value) {
    return Optional.of(ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  /**
   * A client writes {@code values} to the holding registers from {@code address}; all or none of
   * them are taken.
   *
   * @return the exception to answer with, or empty when the write was taken
   */
  default Optional<ExceptionCode> writeRegisters(int address, List<Integer> values) {
    return Optional.of(ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  /**
   * The share of the way to its target a first-order lag of time constant {@code tauS} covers in
   * {@code seconds}: stable for any step, so a late update only catches up.
   */
  static double lag(double seconds, double tauS) {
    return 1.0 - Math.exp(-seconds / tauS);
  }
}
