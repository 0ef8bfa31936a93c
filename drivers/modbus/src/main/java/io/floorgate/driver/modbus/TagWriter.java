package io.floorgate.driver.modbus;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.pdu.MaskWriteRegisterRequest;
import com.digitalpetri.modbus.pdu.ModbusRequestPdu;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes one tag with its type's encoding: a coil with FC 5, a one-register value with FC 6 (or
 * FC 16 for devices that only take that), a wider value with FC 16 in one request so the device
 * never holds half a value, and a {@code bit(N)} with FC 22 (mask write), which changes that bit
 * alone without a racy read-modify-write. A device without FC 22 answers exception 1, reported as
 * {@code Bad_NotSupported}.
 */
final class TagWriter {

  private final ModbusTcpClient client;
  private final int connectionUnitId;
  private final boolean alwaysWriteMultiple;
  private final Duration requestTimeout;

  /**
   * @param alwaysWriteMultiple use FC 16 for one-register values too, for devices without FC 6
   */
  TagWriter(ModbusTcpClient client, int connectionUnitId, boolean alwaysWriteMultiple) {
    this.client = client;
    this.connectionUnitId = connectionUnitId;
    this.alwaysWriteMultiple = alwaysWriteMultiple;
    this.requestTimeout = client.getConfig().requestTimeout();
  }

  /** Never completes exceptionally: every failure is a BAD {@link TagWrite} with its reason. */
  CompletionStage<TagWrite> write(ModbusTag tag, Object value) {
    Table table = tag.address().table();
    int unit = tag.unitIdOr(connectionUnitId);
    int address = tag.address().offset();
    String what = "write " + table.singular() + " " + address + " (unit " + unit + ")";
    if (!table.isWritable()) {
      return done(tag, ModbusStatus.BAD_NOT_WRITABLE, "tag '" + tag.key() + "' is an "
          + table.singular() + ", which Modbus cannot write: map it to a holding register or coil");
    }
    ModbusRequestPdu request;
    try {
      request = request(tag, value, address);
    } catch (IllegalArgumentException e) {
      return done(tag, ModbusStatus.BAD_TYPE_MISMATCH,
          "tag '" + tag.key() + "': " + e.getMessage());
    }
    if (!client.isConnected()) {
      return done(tag, ModbusStatus.BAD_NO_COMMUNICATION, Failure.linkLost(what).reason());
    }
    return client.sendAsync(unit, request).handle((response, error) -> {
      if (error == null) {
        return new TagWrite(tag.key(), ModbusStatus.GOOD, null);
      }
      Failure f = Failure.classify(error, client.isConnected(), requestTimeout, what);
      return new TagWrite(tag.key(), f.status(), f.reason());
    });
  }

  /** Encodes first, so a value that does not fit never reaches the device. */
  private ModbusRequestPdu request(ModbusTag tag, Object value, int address) {
    DataType type = tag.type();
    if (type.kind() == DataType.Kind.BOOL || type.kind() == DataType.Kind.BIT) {
      if (!(value instanceof Boolean on)) {
        throw new IllegalArgumentException(type + " takes a Boolean, not "
            + value.getClass().getSimpleName() + " " + value);
      }
      if (type.kind() == DataType.Kind.BOOL) {
        return new WriteSingleCoilRequest(address, on);
      }
      int mask = RegisterCodec.bitMask(type, tag.order());
      return new MaskWriteRegisterRequest(address, ~mask & 0xFFFF, on ? mask : 0);
    }
    byte[] wire = RegisterCodec.encode(type, tag.order(), value);
    if (wire.length == 2 && !alwaysWriteMultiple) {
      return new WriteSingleRegisterRequest(address, (wire[0] & 0xFF) << 8 | wire[1] & 0xFF);
    }
    return new WriteMultipleRegistersRequest(address, wire.length / 2, wire);
  }

  private static CompletionStage<TagWrite> done(ModbusTag tag, ModbusStatus status, String reason) {
    return CompletableFuture.completedFuture(new TagWrite(tag.key(), status, reason));
  }
}
