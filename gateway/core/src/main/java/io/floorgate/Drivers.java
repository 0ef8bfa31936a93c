package io.floorgate;

import io.floorgate.alarm.PlcAcknowledger;
import io.floorgate.config.InstalledDrivers;
import io.floorgate.config.ConnectionConfig;
import io.floorgate.driver.ConditionSink;
import io.floorgate.driver.Driver;
import io.floorgate.driver.DriverFactory;
import io.floorgate.driver.SampleSink;
import io.floorgate.driver.Status;
import io.floorgate.sparkplug.DeviceWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The southbound side: one driver per PLC connection, by name, each made by the
 * {@link DriverFactory} plug-in of its endpoint's scheme ({@link InstalledDrivers}: the gateway
 * knows no protocol). Writes (Sparkplug DCMD) and
 * acknowledgements of PLC conditions go to the connection's driver, and fail with a message when
 * the connection is not there (removed by a reload, or the gateway stopping).
 */
final class Drivers implements DeviceWriter, PlcAcknowledger, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Drivers.class);

  private final Map<String, Driver> drivers = new ConcurrentHashMap<>();

  /**
   * Creates and starts the driver of {@code connection}; its samples go to {@code sink}.
   *
   * @param conditions where the PLC's own alarms go; null when they are not read
   */
  void start(ConnectionConfig connection, SampleSink sink, @Nullable ConditionSink conditions) {
    String scheme = String.valueOf(URI.create(connection.endpoint()).getScheme());
    // The configuration was checked against the same plug-ins, so one is there.
    DriverFactory factory = InstalledDrivers.forScheme(scheme);
    if (factory == null) {
      throw new IllegalStateException("connection " + connection.name() + ": no driver for "
          + scheme + ":// is installed (installed: " + InstalledDrivers.describe() + ")");
    }
    Driver driver = factory.create(DriverSpecs.of(connection));
    drivers.put(connection.name(), driver);
    if (conditions != null) {
      driver.subscribeConditions(conditions);
    }
    driver.start(sink);
  }

  /** Stops the driver of one connection, if it runs. */
  void stop(String name) {
    Driver driver = drivers.remove(name);
    if (driver != null) {
      closeQuietly(driver);
    }
  }

  @Override
  public CompletableFuture<Status> write(String connection, String tag, Object value) {
    Driver driver = drivers.get(connection);
    return driver != null ? driver.write(tag, value) : CompletableFuture.failedFuture(
        new IllegalStateException("no driver for connection '" + connection + "'"));
  }

  @Override
  public CompletableFuture<Void> acknowledge(String connection, String conditionId,
      String eventId, String comment) {
    Driver driver = drivers.get(connection);
    return driver != null ? driver.acknowledge(conditionId, eventId, comment)
        : CompletableFuture.failedFuture(new IllegalStateException(
            "no driver for connection '" + connection + "'"));
  }

  @Override
  public void close() {
    for (Driver driver : List.copyOf(drivers.values())) {
      closeQuietly(driver);
    }
    drivers.clear();
  }

  private static void closeQuietly(Driver driver) {
    try {
      driver.close();
    } catch (RuntimeException e) {
      log.warn("PLC connection {} did not close cleanly: {}", driver.spec().name(), e.toString());
    }
  }
}
