package io.floorgate.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.Floorgate;
import io.floorgate.config.BufferConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.mqtt.TcpProxy;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sparkplug.SparkplugHost.Received;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bdSeq goes on across process starts, from the file beside the node's buffer: a host that still
 * holds the last session's NBIRTH never sees the same bdSeq again in the next one's NBIRTH or Will.
 */
@Timeout(180)
class BdSeqRestartTest {

  static final String BROKER_PORT = "1883";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  SimulatedPlant plant;
  SparkplugHost host;
  String group;

  @BeforeEach
  void start() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 19, 0, 1.0));
    group = TestPlant.uniqueGroup();
    host = SparkplugHost.connect("tcp://127.0.0.1:" + BROKER_PORT, group);
  }

  @AfterEach
  void stop() throws Exception {
    host.close();
    plant.close();
  }

  /** The test plant's config with its buffer (and so the bdSeq file) in the test's directory. */
  GatewayConfig config(String broker) throws Exception {
    GatewayConfig c = TestPlant.sparkplug(plant, group, List.of(broker), "");
    BufferConfig b = c.buffer();
    return new GatewayConfig(c.namespace(), c.mqtt(), c.connections(),
        new BufferConfig(dir.resolve("buffer"), b.maxBytes(), b.maxAge(), b.whenFull(),
            b.replayRate(), b.enabled()),
        c.alarms(), c.api(), c.uns(), c.sparkplug());
  }

  @Test
  void secondStartContinuesTheBdSeqOfTheFirstInItsNbirthAndWill() throws Exception {
    Path file = dir.resolve("buffer-sparkplug.bdseq");

    Received first;
    try (Floorgate gateway = Floorgate.start(config("tcp://127.0.0.1:" + BROKER_PORT))) {
      first = host.await("NBIRTH", null, 0, WAIT);
    }
    Received firstDeath = host.await("NDEATH", null, first.order(), WAIT);
    assertEquals(first.bdSeq(), firstDeath.bdSeq());
    assertEquals(first.bdSeq() + "", Files.readString(file).strip(), "the file holds the bdSeq");

    try (TcpProxy relay = new TcpProxy(Integer.parseInt(BROKER_PORT));
        Floorgate gateway = Floorgate.start(config("tcp://127.0.0.1:" + relay.port()))) {
      Received second = host.await("NBIRTH", null, firstDeath.order(), WAIT);
      assertEquals((first.bdSeq() + 1) % 256, second.bdSeq(), "the restart's NBIRTH goes on");

      relay.cutConnections();
      Received will = host.await("NDEATH", null, second.order(), WAIT);
      assertEquals(second.bdSeq(), will.bdSeq(), "the broker's Will carries the same bdSeq");
      host.await("NBIRTH", null, will.order(), WAIT);
    }
  }

  @Test
  void bdSeqWrapsFrom255ToZeroAcrossARestart() throws Exception {
    Files.writeString(dir.resolve("buffer-sparkplug.bdseq"), "255\n");

    try (Floorgate gateway = Floorgate.start(config("tcp://127.0.0.1:" + BROKER_PORT))) {
      Received nbirth = host.await("NBIRTH", null, 0, WAIT);
      assertEquals(0L, nbirth.bdSeq());
    }
  }
}
