package io.floorgate.driver.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.MaskWriteRegisterRequest;
import com.digitalpetri.modbus.pdu.MaskWriteRegisterResponse;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilResponse;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ProcessImage;
import com.digitalpetri.modbus.server.ReadWriteModbusServices;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's own Modbus TCP server on 127.0.0.1, for tests: a {@link ProcessImage} behind
 * {@link ReadWriteModbusServices}, plus what a test needs to see and steer — read requests counted
 * as the server receives them, a holding-register map that ends (exception 2 beyond it), every
 * request answered with a chosen exception, and a unit id that never answers (the library ignores
 * requests for a unit without a process image, as a silent device would).
 */
final class LibraryServer implements AutoCloseable {

  /** Requests to this unit id are never answered. */
  static final int SILENT_UNIT = 99;

  final ProcessImage image = new ProcessImage();
  private final AtomicInteger readRequests = new AtomicInteger();
  private volatile int lastHoldingRegister = 0xFFFF;
  private volatile int exceptionForEveryRequest;
  private final ModbusTcpServer server;
  private final int port;

  private LibraryServer(int requestedPort) throws Exception {
    var bound = new CompletableFuture<Integer>();
    var transport = NettyTcpServerTransport.create(cfg -> {
      cfg.bindAddress = "127.0.0.1";
      cfg.port = requestedPort;
      // The transport does not expose its channel; a handler on the server channel reports the
      // port the OS chose for port 0.
      cfg.bootstrapCustomizer = b -> b.handler(new ChannelInboundHandlerAdapter() {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
          bound.complete(((InetSocketAddress) ctx.channel().localAddress()).getPort());
          ctx.fireChannelActive();
        }
      });
    });
    server = ModbusTcpServer.create(transport, new Services());
    server.start();
    port = bound.get(5, TimeUnit.SECONDS);
  }

  /** On a port the OS picks. */
  static LibraryServer start() throws Exception {
    return new LibraryServer(0);
  }

  /** On {@code port} again, e.g. after {@link #close()} to play a device that comes back. */
  static LibraryServer start(int port) throws Exception {
    return new LibraryServer(port);
  }

  int port() {
    return port;
  }

  /** Read requests (FC 1-4) received so far. */
  int readRequests() {
    return readRequests.get();
  }

  void holdingRegisters(int address, byte[] wire) {
    image.with(tx -> tx.writeHoldingRegisters(m -> put(m, address, wire)));
  }

  void inputRegisters(int address, byte[] wire) {
    image.with(tx -> tx.writeInputRegisters(m -> put(m, address, wire)));
  }

  void coil(int address, boolean on) {
    image.with(tx -> tx.writeCoils(m -> m.put(address, on)));
  }

  void discreteInput(int address, boolean on) {
    image.with(tx -> tx.writeDiscreteInputs(m -> m.put(address, on)));
  }

  byte[] holdingRegisters(int address, int count) {
    return image.get(tx -> tx.readHoldingRegisters(m -> {
      byte[] out = new byte[count * 2];
      for (int i = 0; i < count; i++) {
        byte[] r = m.getOrDefault(address + i, new byte[2]);
        out[2 * i] = r[0];
        out[2 * i + 1] = r[1];
      }
      return out;
    }));
  }

  /** Holding registers above {@code last} answer exception 2. */
  void mapHoldingRegistersUpTo(int last) {
    lastHoldingRegister = last;
  }

  void answerEveryRequestWith(int exceptionCode) {
    exceptionForEveryRequest = exceptionCode;
  }

  private static void put(Map<Integer, byte[]> m, int address, byte[] wire) {
    for (int i = 0; i < wire.length / 2; i++) {
      m.put(address + i, new byte[] {wire[2 * i], wire[2 * i + 1]});
    }
  }

  @Override
  public void close() throws ExecutionException {
    try {
      server.stop(); // unbinds and closes every client connection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Delegates to the library's services after counting and the test's checks. */
  private final class Services implements ModbusServices {

    private final ReadWriteModbusServices delegate = new ReadWriteModbusServices() {
      @Override
      protected Optional<ProcessImage> getProcessImage(int unitId) {
        return unitId == SILENT_UNIT ? Optional.empty() : Optional.of(image);
      }
    };

    private void check(int functionCode, int unitId) throws ModbusResponseException,
        UnknownUnitIdException {
      if (unitId == SILENT_UNIT) {
        throw new UnknownUnitIdException(unitId);
      }
      if (exceptionForEveryRequest != 0) {
        throw new ModbusResponseException(functionCode, exceptionForEveryRequest);
      }
    }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext c, int unitId,
        ReadHoldingRegistersRequest r) throws ModbusResponseException, UnknownUnitIdException {
      readRequests.incrementAndGet();
      check(r.getFunctionCode(), unitId);
      if (r.address() + r.quantity() - 1 > lastHoldingRegister) {
        throw new ModbusResponseException(r.getFunctionCode(),
            ExceptionCode.ILLEGAL_DATA_ADDRESS.getCode());
      }
      return delegate.readHoldingRegisters(c, unitId, r);
    }

    @Override
    public ReadInputRegistersResponse readInputRegisters(ModbusRequestContext c, int unitId,
        ReadInputRegistersRequest r) throws ModbusResponseException, UnknownUnitIdException {
      readRequests.incrementAndGet();
      check(r.getFunctionCode(), unitId);
      return delegate.readInputRegisters(c, unitId, r);
    }

    @Override
    public ReadCoilsResponse readCoils(ModbusRequestContext c, int unitId, ReadCoilsRequest r)
        throws ModbusResponseException, UnknownUnitIdException {
      readRequests.incrementAndGet();
      check(r.getFunctionCode(), unitId);
      return delegate.readCoils(c, unitId, r);
    }

    @Override
    public ReadDiscreteInputsResponse readDiscreteInputs(ModbusRequestContext c, int unitId,
        ReadDiscreteInputsRequest r) throws ModbusResponseException, UnknownUnitIdException {
      readRequests.incrementAndGet();
      check(r.getFunctionCode(), unitId);
      return delegate.readDiscreteInputs(c, unitId, r);
    }

    @Override
    public WriteSingleCoilResponse writeSingleCoil(ModbusRequestContext c, int unitId,
        WriteSingleCoilRequest r) throws ModbusResponseException, UnknownUnitIdException {
      check(r.getFunctionCode(), unitId);
      return delegate.writeSingleCoil(c, unitId, r);
    }

    @Override
    public WriteSingleRegisterResponse writeSingleRegister(ModbusRequestContext c, int unitId,
        WriteSingleRegisterRequest r) throws ModbusResponseException, UnknownUnitIdException {
      check(r.getFunctionCode(), unitId);
      return delegate.writeSingleRegister(c, unitId, r);
    }

    @Override
    public WriteMultipleRegistersResponse writeMultipleRegisters(ModbusRequestContext c,
        int unitId, WriteMultipleRegistersRequest r)
        throws ModbusResponseException, UnknownUnitIdException {
      check(r.getFunctionCode(), unitId);
      return delegate.writeMultipleRegisters(c, unitId, r);
    }

    @Override
    public MaskWriteRegisterResponse maskWriteRegister(ModbusRequestContext c, int unitId,
        MaskWriteRegisterRequest r) throws ModbusResponseException, UnknownUnitIdException {
      check(r.getFunctionCode(), unitId);
      return delegate.maskWriteRegister(c, unitId, r);
    }
  }
}
