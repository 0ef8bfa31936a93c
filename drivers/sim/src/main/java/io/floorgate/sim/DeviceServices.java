package io.floorgate.sim;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The requests one {@link ModbusDevice} answers: reads from its current image, writes through to
 * its model. Function codes not listed here answer exception 1 (illegal function), the library's
 * default.
 */
final class DeviceServices implements ModbusServices {

  private static final int COIL_ON = 0xFF00;
  private static final int COIL_OFF = 0x0000;

  private final ModbusDevice device;

  DeviceServices(ModbusDevice device) {
    this.device = device;
  }

  @Override
  public ReadHoldingRegistersResponse readHoldingRegisters(
      ModbusRequestContext context, int unitId, ReadHoldingRegistersRequest request)
      throws ModbusResponseException, UnknownUnitIdException {
    int fc = accept(unitId, FunctionCode.READ_HOLDING_REGISTERS);
    ModbusServices.checkRegisterRange(fc, request.address(), request.quantity());
    return new ReadHoldingRegistersResponse(RegisterImage.registers(
        device.image().holdingRegisters(), fc, request.address(), request.quantity()));
  }

  @Override
  public ReadInputRegistersResponse readInputRegisters(
      ModbusRequestContext context, int unitId, ReadInputRegistersRequest request)
      throws ModbusResponseException, UnknownUnitIdException {
    int fc = accept(unitId, FunctionCode.READ_INPUT_REGISTERS);
    ModbusServices.checkRegisterRange(fc, request.address(), request.quantity());
    return new ReadInputRegistersResponse(RegisterImage.registers(
        device.image().inputRegisters(), fc, request.address(), request.quantity()));
  }

  @Override
  public ReadCoilsResponse readCoils(
      ModbusRequestContext context, int unitId, ReadCoilsRequest request)
      throws ModbusResponseException, UnknownUnitIdException {
    int fc = accept(unitId, FunctionCode.READ_COILS);
    ModbusServices.checkBitRange(fc, request.address(), request.quantity());
    return new ReadCoilsResponse(RegisterImage.bits(
        device.image().coils(), fc, request.address(), request.quantity()));
  }

  @Override
  public ReadDiscreteInputsResponse readDiscreteInputs(
      ModbusRequestContext context, int unitId, ReadDiscreteInputsRequest request)
      throws ModbusResponseException, UnknownUnitIdException {
    int fc = accept(unitId, FunctionCode.READ_DISCRETE_INPUTS);
    ModbusServices.checkBitRange(fc, request.address(), request.quantity());
    return new ReadDiscreteInputsResponse(RegisterImage.bits(
        device.image().discreteInputs(), fc, request.address(), request.quantity()));
  }

  @Override
  public WriteSingleCoilResponse writeSingleCoil(
      ModbusRequestContext context, int unitId, WriteSingleCoilRequest request)
      throws ModbusResponseException, UnknownUnitIdException {
    int fc = accept(unitId, FunctionCode.WRITE_SINGLE_COIL);
    if (request.value() != COIL_ON && request.value() != COIL_OFF) {
      // The protocol allows only FF00 (on) and 0000 (off).
      throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_VALUE.getCode());
    }
    check(fc, device.writeCoil(request.address(), request.value() == COIL_ON));
    return new WriteSingleCoilResponse(request.address(), request.value());
  }

  @Override
  public WriteSingleRegisterResponse writeSingleRegister(
      ModbusRequestContext context, int unitId, WriteSingleRegisterRequest request)
      throws ModbusResponseException, UnknownUnitIdException {
    int fc = accept(unitId, FunctionCode.WRITE_SINGLE_REGISTER);
    check(fc, device.writeRegisters(request.address(), List.of(request.value() & 0xFFFF)));
    return new WriteSingleRegisterResponse(request.address(), request.value());
  }

  @Override
  public WriteMultipleRegistersResponse writeMultipleRegisters(
      ModbusRequestContext context, int unitId, WriteMultipleRegistersRequest request)
      throws ModbusResponseException, UnknownUnitIdException {
    int fc = accept(unitId, FunctionCode.WRITE_MULTIPLE_REGISTERS);
    ModbusServices.checkRegisterRange(fc, request.address(), request.quantity());
    byte[] bytes = request.values();
    if (bytes.length < request.quantity() * 2) {
      throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_VALUE.getCode());
    }
    List<Integer> values = new ArrayList<>(request.quantity());
    for (int i = 0; i < request.quantity(); i++) {
      values.add((bytes[2 * i] & 0xFF) << 8 | (bytes[2 * i + 1] & 0xFF));
    }
    check(fc, device.writeRegisters(request.address(), values));
    return new WriteMultipleRegistersResponse(request.address(), request.quantity());
  }

  private int accept(int unitId, FunctionCode functionCode) throws UnknownUnitIdException {
    if (!device.accepts(unitId)) {
      throw new UnknownUnitIdException(unitId);
    }
    return functionCode.getCode();
  }

  private static void check(int functionCode, Optional<ExceptionCode> refused)
      throws ModbusResponseException {
    if (refused.isPresent()) {
      throw new ModbusResponseException(functionCode, refused.get().getCode());
    }
  }
}
