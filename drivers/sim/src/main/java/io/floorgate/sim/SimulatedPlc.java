package io.floorgate.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated PLC: its physics and, while it runs, its own OPC UA server on its own port. {@link
 * #stop()} and {@link #start()} simulate a PLC restart: clients lose their connection and the
 * server comes back on the same port and path, with the physics having gone on meanwhile and the
 * fault variables cleared.
 */
public final class SimulatedPlc {

  private static final Logger log = LoggerFactory.getLogger(SimulatedPlc.class);
  private static final int RANDOM_PORT_ATTEMPTS = 5;

  private final String name;
  private final String bindHost;
  private final PlcModel model;
  private final @Nullable LoadModel load;
  private final long scanPeriodNanos;
  private final long loadPeriodNanos;
  private final SimSecurity simSecurity;
  private final SimLimits limits;
  private @Nullable PlcSecurity security;

  private volatile int port;
  private volatile String endpointUrl = "";
  private @Nullable PlcServer server;

  SimulatedPlc(
      String name,
      String bindHost,
      int requestedPort,
      PlcModel model,
      @Nullable LoadModel load,
      long scanPeriodNanos,
      long loadPeriodNanos,
      SimSecurity simSecurity,
      SimLimits limits) {
    this.name = name;
    this.simSecurity = simSecurity;
    this.limits = limits;
    this.bindHost = bindHost;
    this.port = requestedPort;
    this.model = model;
    this.load = load;
    this.scanPeriodNanos = scanPeriodNanos;
    this.loadPeriodNanos = loadPeriodNanos;
  }

  /** {@code RHK01}, {@code MX01} or {@code MX02}. */
  public String name() {
    return name;
  }

  /** The TCP port this PLC listens on (kept across restarts). */
  public int port() {
    return port;
  }

  /** Where clients connect, e.g. {@code opc.tcp://127.0.0.1:4841/rhk01}. */
  public String endpointUrl() {
    return endpointUrl;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * Starts this PLC's server; does nothing when it runs already. The first start with port 0 picks
   * a free port, which later starts reuse.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    if (security == null) {
      // Once: the certificate must survive restarts, or a gateway that trusted it would refuse it.
      security = PlcSecurity.create(name, PlcServer.applicationUri(name),
          PlcServer.advertisedHost(bindHost), simSecurity);
    }
    boolean randomPort = port == 0;
    for (int attempt = 1; ; attempt++) {
      int candidate = randomPort ? freePort() : port;
      try {
        PlcServer started =
            PlcServer.start(
                name, bindHost, candidate, scanPeriodNanos, loadPeriodNanos, security, limits,
                this::declare);
        server = started;
        port = candidate;
        endpointUrl = started.endpointUrl();
        log.info("Simulated PLC {} listening on {}", name, endpointUrl);
        return;
      } catch (IllegalStateException e) {
        // Another process may take a free port between the probe and the bind: try another.
        if (!randomPort || attempt == RANDOM_PORT_ATTEMPTS) {
          throw e;
        }
        log.debug("Simulated PLC {}: port {} was taken meanwhile, trying another", name, candidate);
      }
    }
  }

  /**
   * Stops this PLC's server as a PLC restart or power loss would: every client connection drops and
   * the port is freed until {@link #start()}. Does nothing when it is stopped already.
   */
  public synchronized void stop() {
    PlcServer running = server;
    if (running == null) {
      return;
    }
    server = null;
    running.stop();
    log.info(
        "Simulated PLC {} stopped; {} is unreachable until it starts again", name, endpointUrl);
  }

  /** Subscriptions this PLC's server holds now (0 while stopped). */
  public synchronized int subscriptionCount() {
    return server == null ? 0 : server.subscriptionCount();
  }

  /** Monitored items over all its subscriptions (0 while stopped). */
  public synchronized int monitoredItemCount() {
    return server == null ? 0 : server.monitoredItemCount();
  }

  /** The SHA-1 thumbprint of its certificate (lowercase hex), or "" when it runs unsecured. */
  public synchronized String certificateSha1() {
    return security == null ? "" : security.certificateSha1();
  }

  /** Adds a client certificate (DER) to this PLC's trust list, as its operator would. */
  public synchronized void trustClient(byte[] der) {
    if (security == null) {
      security = PlcSecurity.create(name, PlcServer.applicationUri(name),
          PlcServer.advertisedHost(bindHost), simSecurity);
    }
    security.trust(der);
  }

  private void declare(PlantNamespace namespace) {
    Instant now = Instant.now();
    model.declare(namespace);
    model.publish(now);
    LoadModel l = load;
    if (l != null) {
      l.declare(namespace);
      l.publish(model.clock().stamp(now));
    }
  }

  /** One scan: the physics go on whether or not the server runs. */
  synchronized void scan(Instant now) {
    model.step(now);
    PlcServer running = server;
    LoadModel l = load;
    if (running != null) {
      running.namespace().scan(() -> {
        model.publish(now);
        if (l != null) {
          l.scan(model.clock().stamp(now));
        }
      });
    }
  }

  /** One change of every load variable. */
  synchronized void loadUpdate(Instant now) {
    LoadModel l = load;
    PlcServer running = server;
    if (l != null && running != null) {
      Stamp stamp = model.clock().stamp(now);
      running.namespace().loadUpdate(() -> l.update(stamp));
    }
  }

  /** Load updates so far; 0 without load variables. */
  synchronized long loadUpdates() {
    LoadModel l = load;
    return l == null ? 0 : l.updates();
  }

  boolean hasLoad() {
    return load != null && load.scale() > 0;
  }

  private int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getByName(bindHost))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(
          name + ": cannot find a free port on " + bindHost + "; check the bind address", e);
    }
  }

  @Override
  public String toString() {
    return name + " " + endpointUrl;
  }
}
