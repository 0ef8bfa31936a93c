package io.floorgate.sim;

import com.digitalpetri.modbus.ExceptionCode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * PM01, the power meter on the kiln's heater bank: twelve 45 kW zones on a 400 V three-phase
 * supply. Active power follows the mean of the kiln's heater outputs (thyristor stacks, a lag of
 * two seconds) with seeded noise; the energy counter adds power × time at every update, starting
 * from a reading of an instrument long in service. It survives for the run; only the reset coil
 * zeroes it.
 *
 * <p>Register map, unit id 1 (input registers 0–5 read the same as holding registers 0–5):
 *
 * <pre>
 * holding 0–1  active power, kW                 float32, ABCD        read only
 * holding 2–3  active energy import, kWh        uint32, ABCD         read only
 * holding 4    line voltage L1-L2, 0.1 V        int16                read only
 * holding 5    line current L1, 0.1 A           int16                read only
 * coil 0       reset energy: writing 1 zeroes the counter; reads 0 (the command clears itself)
 * discrete 0   heaters energized (power above 1 kW)
 * </pre>
 *
 * Any other address answers exception 2 (illegal data address), as does a write to a register.
 */
final class PowerMeterModel implements ModbusModel {

  static final String NAME = "PM01";
  static final int UNIT_ID = 1;
  static final int RESET_ENERGY_COIL = 0;
  static final double RATED_KW = 12 * 45.0;

  private static final double POWER_TAU_S = 2.0;
  private static final double NOMINAL_V = 400.0;
  private static final double VOLTAGE_TAU_S = 30.0;
  private static final double POWER_FACTOR = 0.96;
  private static final double ENERGIZED_KW = 1.0;

  private final Random random;
  private boolean measured;
  private double powerKw;
  private double energyKwh;
  private double voltage = NOMINAL_V;

  PowerMeterModel(long seed) {
    this.random = new Random(seed);
    energyKwh = Math.floor(150_000 + 50_000 * random.nextDouble());
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
    double target = RATED_KW * Math.max(0.0, Math.min(100.0, kiln.heaterOutPct())) / 100.0;
    if (!measured) {
      // The heaters were on before the simulation started: the meter reads their load at once.
      measured = true;
      powerKw = target;
    }
    double noise = (0.05 + 0.002 * target) * random.nextGaussian();
    powerKw += (target - powerKw) * ModbusModel.lag(seconds, POWER_TAU_S) + noise;
    powerKw = Math.max(0.0, powerKw);
    energyKwh += powerKw * seconds / 3600.0;
    voltage += (NOMINAL_V - voltage) * ModbusModel.lag(seconds, VOLTAGE_TAU_S)
        + 0.3 * random.nextGaussian();
  }

  @Override
  public RegisterImage image() {
    double currentA = powerKw * 1000.0 / (Math.sqrt(3.0) * voltage * POWER_FACTOR);
    int[] registers = new int[6];
    Words.float32Abcd(registers, 0, (float) powerKw);
    Words.uint32Abcd(registers, 2, (long) Math.floor(energyKwh));
    registers[4] = Words.int16(voltage * 10.0);
    registers[5] = Words.int16(currentA * 10.0);
    List<Integer> words = Arrays.stream(registers).boxed().toList();
    return new RegisterImage(words, words, List.of(false), List.of(powerKw > ENERGIZED_KW));
  }

  @Override
  public Optional<ExceptionCode> writeCoil(int address, boolean value) {
    if (address != RESET_ENERGY_COIL) {
      return Optional.of(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }
    if (value) {
      energyKwh = 0.0;
    }
    return Optional.empty();
  }

  double powerKw() {
    return powerKw;
  }

  double energyKwh() {
    return energyKwh;
  }
}
