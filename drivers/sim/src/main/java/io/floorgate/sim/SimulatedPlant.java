package io.floorgate.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Isohara plant: kiln {@code RHK01} and mixers {@code MX01}, {@code MX02}, each its
 * own OPC UA server (security None and anonymous, or signed endpoints with a user as
 * {@link SimSecurity} says; operation limits as {@link SimLimits} says), and beside the kiln two
 * Modbus TCP devices, its O2 analyzer {@code O2A01} and its heater bank's power meter {@code PM01}
 * (see {@link ModbusDevice}). One scheduler that this plant owns scans the PLCs and updates the
 * devices every 100 ms. Start it with {@link #start(SimOptions)}, close it to stop everything.
 *
 * <pre>{@code
 * try (SimulatedPlant plant = SimulatedPlant.start(SimOptions.defaults())) {
 *   plant.endpointUrls().forEach(System.out::println);
 *   plant.modbusDevices().forEach(d -> System.out.println(d.endpointUrl()));
 * }
 * }</pre>
 */
public final class SimulatedPlant implements AutoCloseable {

  /** The scan period of every simulated PLC, and the heartbeat's step. */
  public static final long SCAN_PERIOD_MS = 100;

  private static final Logger log = LoggerFactory.getLogger(SimulatedPlant.class);

  private final SimOptions options;
  private final List<SimulatedPlc> plcs;
  private final List<ModbusDevice> devices;
  private final ScheduledExecutorService scheduler;
  /** The load updates' schedule; null while the load is paused or there is none. */
  private @Nullable ScheduledFuture<?> loadTask;

  private SimulatedPlant(SimOptions options, List<SimulatedPlc> plcs, List<ModbusDevice> devices,
      ScheduledExecutorService scheduler) {
    this.options = options;
    this.plcs = plcs;
    this.devices = devices;
    this.scheduler = scheduler;
  }

  /**
   * Starts the three PLC servers, the two Modbus devices, their scans and updates.
   *
   * @throws IllegalStateException when a PLC or device cannot bind its port; the others are
   *     stopped again
   */
  public static SimulatedPlant start(SimOptions options) {
    long scanNanos = TimeUnit.MILLISECONDS.toNanos(SCAN_PERIOD_MS);
    long loadNanos = Math.round(1e9 / options.rateHz());
    long seed = options.seed();
    LoadModel load = options.scale() > 0 ? new LoadModel(options.scale()) : null;
    var kiln = new KilnModel(seed, options.driftSpeed());
    List<SimulatedPlc> plcs =
        List.of(
            new SimulatedPlc(
                KilnModel.NAME,
                options.bindHost(),
                options.portFor(0),
                kiln,
                load,
                scanNanos,
                loadNanos,
                options.security(),
                options.limits()),
            mixer(options, 1, seed + 1, 0, scanNanos, loadNanos),
            mixer(options, 2, seed + 2, MixerModel.CYCLE_TICKS / 2, scanNanos, loadNanos));

    List<ModbusDevice> devices =
        List.of(
            new ModbusDevice(
                new O2AnalyzerModel(seed + 10), options.bindHost(), options.modbusPortFor(0)),
            new ModbusDevice(
                new PowerMeterModel(seed + 11), options.bindHost(), options.modbusPortFor(1)));
    // A first reading before they answer: the instruments ran before the simulation started.
    devices.forEach(device -> device.step(kiln.latestReadout(), PlcModel.SCAN_SECONDS));

    var started = new ArrayList<Runnable>();
    try {
      for (SimulatedPlc plc : plcs) {
        plc.start();
        started.add(() -> stopQuietly(plc.name(), plc::stop));
      }
      for (ModbusDevice device : devices) {
        device.start();
        started.add(() -> stopQuietly(device.name(), device::stop));
      }
    } catch (RuntimeException e) {
      started.forEach(Runnable::run);
      throw e;
    }

    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, threadFactory());
    for (SimulatedPlc plc : plcs) {
      scheduler.scheduleAtFixedRate(
          () -> guarded(plc.name(), "scan", () -> plc.scan(Instant.now())),
          scanNanos,
          scanNanos,
          TimeUnit.NANOSECONDS);
    }
    // The devices see the kiln as its last scan left it; at a fixed rate, each update is a scan.
    for (ModbusDevice device : devices) {
      scheduler.scheduleAtFixedRate(
          () -> guarded(device.name(), "update",
              () -> device.step(kiln.latestReadout(), PlcModel.SCAN_SECONDS)),
          scanNanos,
          scanNanos,
          TimeUnit.NANOSECONDS);
    }
    SimulatedPlant plant = new SimulatedPlant(options, plcs, devices, scheduler);
    plant.loadRate(options.rateHz());
    return plant;
  }

  /**
   * Changes how often the load variables change, from now on ({@code 0} pauses them; the next
   * update after a pause carries the next update number, so a subscriber sees no gap). The
   * sampling intervals the servers granted stay what they were at the start: start the plant at
   * the fastest rate that will be asked for. Without load variables, nothing happens.
   *
   * @throws IllegalArgumentException when {@code hz} is negative or above {@link SimOptions#MAX_RATE_HZ}
   */
  public synchronized void loadRate(double hz) {
    if (!(hz >= 0.0) || hz > SimOptions.MAX_RATE_HZ) {
      throw new IllegalArgumentException(
          "load rate " + hz + " Hz is out of range: use 0 (paused) to " + SimOptions.MAX_RATE_HZ);
    }
    if (loadTask != null) {
      loadTask.cancel(false);
      loadTask = null;
    }
    SimulatedPlc plc = plcs.get(0);
    if (hz > 0.0 && plc.hasLoad()) {
      long nanos = Math.round(1e9 / hz);
      loadTask = scheduler.scheduleAtFixedRate(
          () -> guarded(plc.name(), "load update", () -> plc.loadUpdate(Instant.now())),
          nanos,
          nanos,
          TimeUnit.NANOSECONDS);
    }
  }

  /** How many times the load variables have changed since the start (each of them every time). */
  public long loadUpdates() {
    return plcs.get(0).loadUpdates();
  }

  private static SimulatedPlc mixer(
      SimOptions options, int number, long seed, int startTick, long scanNanos, long loadNanos) {
    var model = new MixerModel(number, seed, startTick, options.driftSpeed());
    return new SimulatedPlc(
        model.name(),
        options.bindHost(),
        options.portFor(number),
        model,
        null,
        scanNanos,
        loadNanos,
        options.security(),
        options.limits());
  }

  /** A failing scan must not cancel the schedule (a periodic task that throws never runs again). */
  private static void guarded(String name, String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("Simulated {}: {} failed; the next one runs as scheduled", name, what, e);
    }
  }

  private static ThreadFactory threadFactory() {
    var count = new AtomicInteger();
    return runnable -> {
      var thread = new Thread(runnable, "floorgate-sim-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The options this plant runs with. */
  public SimOptions options() {
    return options;
  }

  /** RHK01, MX01, MX02, in that order. */
  public List<SimulatedPlc> plcs() {
    return plcs;
  }

  /**
   * The PLC called {@code name} (case as in {@code RHK01}).
   *
   * @throws NoSuchElementException when there is none
   */
  public SimulatedPlc plc(String name) {
    return plcs.stream()
        .filter(plc -> plc.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no simulated PLC " + name + "; the plant has RHK01, MX01 and MX02"));
  }

  /** O2A01, PM01, in that order. */
  public List<ModbusDevice> modbusDevices() {
    return devices;
  }

  /**
   * The Modbus device called {@code name} (case as in {@code O2A01}).
   *
   * @throws NoSuchElementException when there is none
   */
  public ModbusDevice modbusDevice(String name) {
    return devices.stream()
        .filter(device -> device.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no simulated Modbus device " + name + "; the plant has O2A01 and PM01"));
  }

  /** Every PLC's endpoint URL, in the order of {@link #plcs()}, e.g. for printing. */
  public List<String> endpointUrls() {
    return plcs.stream().map(SimulatedPlc::endpointUrl).toList();
  }

  /** Simulates a PLC going down: see {@link SimulatedPlc#stop()}. */
  public void stop(String plcName) {
    plc(plcName).stop();
  }

  /** Brings a stopped PLC back on its port: see {@link SimulatedPlc#start()}. */
  public void start(String plcName) {
    plc(plcName).start();
  }

  /** Stops the scans and updates, then every server and device. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("Simulated plant: a scan did not finish within 5 s; stopping the servers anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    plcs.forEach(plc -> stopQuietly(plc.name(), plc::stop));
    devices.forEach(device -> stopQuietly(device.name(), device::stop));
  }

  private static void stopQuietly(String name, Runnable stop) {
    try {
      stop.run();
    } catch (RuntimeException e) {
      log.warn("Simulated {} did not stop cleanly: {}", name, e.getMessage(), e);
    }
  }
}
