package io.floorgate.driver.modbus;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusExecutionException;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import java.time.Duration;

/** Clients as the driver will build them: persistent, so the library reconnects by itself. */
final class TestClients {

  private TestClients() {}

  static ModbusTcpClient connect(int port, Duration requestTimeout)
      throws ModbusExecutionException {
    var transport = NettyTcpClientTransport.create(cfg -> {
      cfg.hostname = "127.0.0.1";
      cfg.port = port;
      cfg.connectTimeout = Duration.ofSeconds(2);
    });
    var client = ModbusTcpClient.create(transport, cfg -> cfg.requestTimeout = requestTimeout);
    client.connect();
    return client;
  }
}
