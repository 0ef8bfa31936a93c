package io.floorgate.sim;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated Modbus TCP device: its physics and, while it runs, its own server on its own port.
 * Reads answer from the image of the last update and never wait for the physics; writes go
 * through to the physics at once. Requests for another unit id than the device's go unanswered,
 * as many devices do, so a client configured with the wrong one sees a timeout. {@link #stop()}
 * and {@link #start()} simulate a power cycle: clients lose their connection, the device comes back
 * on the same port, the physics having gone on meanwhile.
 */
public final class ModbusDevice {

  /** The scheme of the endpoints, as the Modbus driver reads it. */
  public static final String SCHEME = "modbus+tcp";

  private static final Logger log = LoggerFactory.getLogger(ModbusDevice.class);

  private final ModbusModel model;
  private final String bindHost;
  private final AtomicLong requests = new AtomicLong();
  private volatile RegisterImage image;
  private volatile int port;
  private @Nullable ModbusTcpServer server;

  ModbusDevice(ModbusModel model, String bindHost, int requestedPort) {
    this.model = model;
    this.bindHost = bindHost;
    this.port = requestedPort;
    this.image = model.image();
  }

  /** {@code O2A01} or {@code PM01}. */
  public String name() {
    return model.name();
  }

  /** The unit id it answers to. */
  public int unitId() {
    return model.unitId();
  }

  /** The TCP port it listens on (kept across restarts); 0 before a first start on a free port. */
  public int port() {
    return port;
  }

  /** Where clients connect, e.g. {@code modbus+tcp://127.0.0.1:5020}. */
  public String endpointUrl() {
    return SCHEME + "://" + PlcServer.advertisedHost(bindHost) + ":" + port;
  }

  /** Requests it has answered, exceptions included, since the plant started. */
  public long requestCount() {
    return requests.get();
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * Starts its server; does nothing when it runs already. The first start with port 0 takes a free
   * port, which later starts reuse.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    var listening = new AtomicReference<@Nullable Channel>();
    NettyTcpServerTransport transport = NettyTcpServerTransport.create(config -> {
      config.bindAddress = bindHost;
      config.port = port;
      config.bootstrapCustomizer = bootstrap -> bootstrap.handler(new ListeningChannel(listening));
    });
    ModbusTcpServer started = ModbusTcpServer.create(transport, new DeviceServices(this));
    try {
      started.start();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("Simulated Modbus device " + name() + " cannot listen on "
          + bindHost + ":" + port + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name() + ": interrupted while binding its port", e);
    }
    Channel channel = listening.get();
    if (channel != null && channel.localAddress() instanceof InetSocketAddress address) {
      port = address.getPort();
    }
    server = started;
    log.info("Simulated Modbus device {} listening on {} (unit id {})", name(), endpointUrl(),
        unitId());
  }

  /**
   * Stops its server as a power cut would: every client connection drops and the port is free
   * until {@link #start()}. Does nothing when it is stopped already.
   */
  public synchronized void stop() {
    ModbusTcpServer running = server;
    if (running == null) {
      return;
    }
    server = null;
    try {
      running.stop();
    } catch (ExecutionException e) {
      log.warn("Simulated Modbus device {} did not close its port cleanly: {}", name(),
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Simulated Modbus device {} stopped; {} is unreachable until it starts again", name(),
        endpointUrl());
  }

  /** One update of the physics; the physics go on whether or not the server runs. */
  void step(KilnReadout kiln, double seconds) {
    synchronized (model) {
      model.step(kiln, seconds);
      image = model.image();
    }
  }

  /** The registers and bits as clients read them now. */
  RegisterImage image() {
    return image;
  }

  /** Counts a request for its unit id; false (and not counted) for any other unit id. */
  boolean accepts(int unitId) {
    if (unitId != model.unitId()) {
      return false;
    }
    requests.incrementAndGet();
    return true;
  }

  Optional<ExceptionCode> writeCoil(int address, boolean value) {
    synchronized (model) {
      Optional<ExceptionCode> refused = model.writeCoil(address, value);
      image = model.image();
      return refused;
    }
  }

  Optional<ExceptionCode> writeRegisters(int address, List<Integer> values) {
    synchronized (model) {
      Optional<ExceptionCode> refused = model.writeRegisters(address, values);
      image = model.image();
      return refused;
    }
  }

  @Override
  public String toString() {
    return name() + " " + endpointUrl();
  }

  /** Holds on to the listening channel, whose address tells the port a bind to port 0 took. */
  private static final class ListeningChannel extends ChannelInboundHandlerAdapter {

    private final AtomicReference<@Nullable Channel> channel;

    ListeningChannel(AtomicReference<@Nullable Channel> channel) {
      this.channel = channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      channel.set(ctx.channel());
    }
  }
}
