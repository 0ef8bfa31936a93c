package io.floorgate.driver.modbus;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class TagWriterTest {

  private LibraryServer server;
  private ModbusTcpClient client;
  private TagWriter writer;

  @BeforeEach
  void start() throws Exception {
    server = LibraryServer.start();
    client = TestClients.connect(server.port(), Duration.ofMillis(300));
    writer = new TagWriter(client, 1, false);
  }

  @AfterEach
  void stop() throws Exception {
    client.disconnect();
    server.close();
  }

  static Stream<Arguments> everyTypeAndOrder() {
    return Stream.concat(Arrays.stream(KnownMap.TYPES), Stream.of("string(5)"))
        .flatMap(type -> Arrays.stream(RegisterOrder.values()).map(o -> Arguments.of(type, o)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyTypeAndOrder")
  void aWrittenValueIsReadBackThroughTheServer(String type, RegisterOrder order) throws Exception {
    Object value = type.startsWith("string") ? "Floorgate" : KnownMap.value(type);
    ModbusTag tag = new ModbusTag("t", ModbusAddress.parse("hr:300"), DataType.parse(type), order,
        null);

    TagWrite written = write(tag, value);

    assertEquals(new TagWrite("t", ModbusStatus.GOOD, null), written);
    assertArrayEquals(RegisterCodec.encode(tag.type(), order, value),
        server.holdingRegisters(300, tag.type().registers()), "the registers the device holds");
    assertEquals(value, read(tag).value());
  }

  @Test
  void aCoilIsSwitchedOnAndOff() throws Exception {
    ModbusTag coil = ModbusTag.parse("pump", "coil:17", "bool", "ABCD");

    assertEquals(ModbusStatus.GOOD, write(coil, true).status());
    assertEquals(true, read(coil).value());
    assertEquals(ModbusStatus.GOOD, write(coil, false).status());
    assertEquals(false, read(coil).value());
  }

  @Test
  void aBitWriteChangesThatBitAloneInBothByteOrders() throws Exception {
    server.holdingRegisters(50, new byte[] {(byte) 0xF0, (byte) 0xF0});

    write(ModbusTag.parse("b0", "hr:50", "bit(0)", "ABCD"), true);
    write(ModbusTag.parse("b4", "hr:50", "bit(4)", "ABCD"), false);
    write(ModbusTag.parse("swapped-b0", "hr:50", "bit(0)", "BADC"), false); // bit 8 on the wire

    assertArrayEquals(new byte[] {(byte) 0xF0, (byte) 0xE1}, server.holdingRegisters(50, 1));
  }

  @Test
  void anInputRegisterIsNotWritable() throws Exception {
    TagWrite w = write(ModbusTag.parse("pv", "ir:0", "int16", "ABCD"), 5);

    assertEquals(ModbusStatus.BAD_NOT_WRITABLE, w.status());
    assertEquals("tag 'pv' is an input register, which Modbus cannot write: map it to a holding"
        + " register or coil", w.reason());
  }

  @Test
  void aValueThatDoesNotFitIsRefusedBeforeReachingTheDevice() throws Exception {
    server.holdingRegisters(7, new byte[] {0, 42});
    TagWrite w = write(ModbusTag.parse("sp", "hr:7", "int16", "ABCD"), 70000);

    assertEquals(ModbusStatus.BAD_TYPE_MISMATCH, w.status());
    assertEquals("tag 'sp': value 70000 does not fit int16 (-32768..32767)", w.reason());
    assertArrayEquals(new byte[] {0, 42}, server.holdingRegisters(7, 1));
  }

  @Test
  void aWriteTheDeviceRefusesIsBadWithTheExceptionNamed() throws Exception {
    server.answerEveryRequestWith(4);
    TagWrite w = write(ModbusTag.parse("sp", "hr:7", "float32", "CDAB"), 1.5f);

    assertEquals(ModbusStatus.BAD_DEVICE_FAILURE, w.status());
    assertEquals("Modbus exception 4: server device failure (write holding register 7 (unit 1))",
        w.reason());
  }

  @Test
  void aWriteToASilentUnitTimesOut() throws Exception {
    TagWrite w = write(ModbusTag.parse("sp", "hr:7", "uint16", "ABCD")
        .withUnitId(LibraryServer.SILENT_UNIT), 1);

    assertEquals(ModbusStatus.BAD_TIMEOUT, w.status());
  }

  @Test
  void singleRegisterValuesCanGoAsWriteMultipleForDevicesWithoutFc6() throws Exception {
    var fc16Only = new TagWriter(client, 1, true);
    ModbusTag tag = ModbusTag.parse("sp", "hr:9", "int16", "BADC");

    assertEquals(ModbusStatus.GOOD, fc16Only.write(tag, -2).toCompletableFuture()
        .get(5, SECONDS).status());
    assertEquals(-2, read(tag).value());
  }

  private TagWrite write(ModbusTag tag, Object value) throws Exception {
    return writer.write(tag, value).toCompletableFuture().get(5, SECONDS);
  }

  private TagRead read(ModbusTag tag) throws Exception {
    var reader = new PollingReader(client, new ReadGroup("check", Duration.ofSeconds(1),
        List.of(tag)), ReadLimits.DEFAULT, 1);
    return PollingReaderTest.poll(reader).get(0);
  }
}
