package io.floorgate.sim;

import com.digitalpetri.modbus.ExceptionCode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * O2A01, the kiln's oxygen analyzer: a paramagnetic cell, thermostatted at 55 °C, on a sample line
 * from the soak zone. Its firmware reports the O2 concentration in ppm (the kiln's O2 percent times
 * 10,000: about 920,000 ppm in normal operation, 800,000 with the kiln's O2Low fault), following
 * the kiln with a first-order lag of the damping time a client may set, plus seeded noise.
 *
 * <p>Register map, unit id 1 (input registers 0–4 read the same as holding registers 0–4):
 *
 * <pre>
 * holding 0–1  O2 concentration, ppm          float32, CDAB (low word first)   read only
 * holding 2    status: bit 0 measuring, bit 1 calibrating, bit 2 fault       read only
 * holding 3    cell temperature, 0.1 °C        int16                          read only
 * holding 4    damping time constant, s        uint16, 1..600 (default 5)     read/write
 * discrete 0–2 the status bits 0–2
 * </pre>
 *
 * The simulated analyzer measures all the time: bits 1 and 2 stay clear. Any other address
 * answers exception 2 (illegal data address), a damping outside 1..600 exception 3.
 */
final class O2AnalyzerModel implements ModbusModel {

  static final String NAME = "O2A01";
  static final int UNIT_ID = 1;
  static final int DAMPING_REGISTER = 4;
  static final int MAX_DAMPING_S = 600;

  private static final double PPM_PER_PCT = 10_000.0;
  private static final double NOISE_PPM = 30.0;
  private static final double CELL_SETPOINT_C = 55.0;
  private static final double CELL_TAU_S = 60.0;
  private static final int STATUS_MEASURING = 1;

  private final Random random;
  private boolean measured;
  private double ppm = 92.0 * PPM_PER_PCT;
  private double cellTempC = CELL_SETPOINT_C;
  private int dampingS = 5;

  O2AnalyzerModel(long seed) {
    this.random = new Random(seed);
    cellTempC += 0.3 * random.nextGaussian();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int unitId() {
    return UNIT_ID;
  }

  @Override
  public void step(KilnReadout kiln, double seconds) {
    double target = kiln.o2Pct() * PPM_PER_PCT;
    if (!measured) {
      // The analyzer ran before the simulation started: it reads the kiln at once.
      measured = true;
      ppm = target;
    }
    double noise = NOISE_PPM * random.nextGaussian();
    ppm += (target - ppm) * ModbusModel.lag(seconds, dampingS) + noise;
    ppm = Math.max(0.0, Math.min(1_000_000.0, ppm));
    cellTempC += (CELL_SETPOINT_C - cellTempC) * ModbusModel.lag(seconds, CELL_TAU_S)
        + 0.02 * random.nextGaussian();
  }

  @Override
  public RegisterImage image() {
    int status = STATUS_MEASURING;
    int[] registers = new int[5];
    Words.float32Cdab(registers, 0, (float) ppm);
    registers[2] = status;
    registers[3] = Words.int16(cellTempC * 10.0);
    registers[DAMPING_REGISTER] = dampingS;
    List<Integer> words = Arrays.stream(registers).boxed().toList();
    List<Boolean> bits = List.of((status & 1) != 0, (status & 2) != 0, (status & 4) != 0);
    return new RegisterImage(words, words, List.of(), bits);
  }

  @Override
  public Optional<ExceptionCode> writeRegisters(int address, List<Integer> values) {
    if (address != DAMPING_REGISTER || values.size() != 1) {
      return Optional.of(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }
    int value = values.get(0);
    if (value < 1 || value > MAX_DAMPING_S) {
      return Optional.of(ExceptionCode.ILLEGAL_DATA_VALUE);
    }
    dampingS = value;
    return Optional.empty();
  }

  double ppm() {
    return ppm;
  }
}
