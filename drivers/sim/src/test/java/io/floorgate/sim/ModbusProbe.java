package io.floorgate.sim;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The library's own Modbus TCP client on one simulated device, with the decodings the tests need:
 * written apart from {@link Words}, so that a wrong layout there cannot pass here.
 */
final class ModbusProbe implements AutoCloseable {

  private final ModbusTcpClient client;
  private final int unitId;

  private ModbusProbe(ModbusTcpClient client, int unitId) {
    this.client = client;
    this.unitId = unitId;
  }

  static ModbusProbe connect(ModbusDevice device) throws ModbusException {
    return connect(device, device.unitId(), Duration.ofSeconds(5));
  }

  /** A client that sends every request to {@code unitId} and waits {@code timeout} for answers. */
  static ModbusProbe connect(ModbusDevice device, int unitId, Duration timeout)
      throws ModbusException {
    var transport = NettyTcpClientTransport.create(config -> {
      config.hostname = "127.0.0.1";
      config.port = device.port();
      config.connectPersistent = false;
    });
    var client = ModbusTcpClient.create(transport, config -> config.requestTimeout = timeout);
    client.connect();
    return new ModbusProbe(client, unitId);
  }

  ModbusTcpClient client() {
    return client;
  }

  int unitId() {
    return unitId;
  }

  /** Holding registers as a big-endian byte buffer, two bytes per register. */
  ByteBuffer holding(int address, int quantity) throws ModbusException {
    return ByteBuffer.wrap(client.readHoldingRegisters(
        unitId, new ReadHoldingRegistersRequest(address, quantity)).registers());
  }

  ByteBuffer input(int address, int quantity) throws ModbusException {
    return ByteBuffer.wrap(client.readInputRegisters(
        unitId, new ReadInputRegistersRequest(address, quantity)).registers());
  }

  boolean coil(int address) throws ModbusException {
    return (client.readCoils(unitId, new ReadCoilsRequest(address, 1)).coils()[0] & 1) != 0;
  }

  boolean discreteInput(int address) throws ModbusException {
    return (client.readDiscreteInputs(
        unitId, new ReadDiscreteInputsRequest(address, 1)).inputs()[0] & 1) != 0;
  }

  /** Two registers from {@code address}, low word first (CDAB), as a float. */
  float float32Cdab(int address) throws ModbusException {
    ByteBuffer words = holding(address, 2);
    int low = words.getShort(0) & 0xFFFF;
    int high = words.getShort(2) & 0xFFFF;
    return Float.intBitsToFloat(high << 16 | low);
  }

  /** Two registers from {@code address}, high word first (ABCD), as a float. */
  float float32Abcd(int address) throws ModbusException {
    return holding(address, 2).getFloat(0);
  }

  /** Two registers from {@code address}, high word first (ABCD), unsigned. */
  long uint32Abcd(int address) throws ModbusException {
    return Integer.toUnsignedLong(holding(address, 2).getInt(0));
  }

  short int16(int address) throws ModbusException {
    return holding(address, 1).getShort(0);
  }

  @Override
  public void close() throws ModbusException {
    client.disconnect();
  }
}
