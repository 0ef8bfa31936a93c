package io.floorgate.sparkplug;

import io.floorgate.buffer.BufferMeters;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.BufferConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.SparkplugConfig;
import io.floorgate.driver.LinkState;
import io.floorgate.output.BufferState;
import io.floorgate.output.Health;
import io.floorgate.output.Output;
import io.floorgate.reading.Reading;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The Sparkplug B edge node as an output, with its store-and-forward buffer beside the UNS one
 * ({@code <buffer.directory>-sparkplug}, the same limits) and the bdSeq of its last CONNECT beside
 * that ({@code <buffer.directory>-sparkplug.bdseq}), so a restart continues the bdSeq. Ready while the node is online: its
 * NBIRTH published and the session not dead since.
 */
public final class SparkplugOutput implements Output {

  public static final String NAME = "sparkplug";

  private final SparkplugConfig config;
  private final BufferedBacklog backlog;
  private final SparkplugNode node;
  private final BufferMeters bufferMeters;

  private SparkplugOutput(SparkplugConfig config, BufferedBacklog backlog, SparkplugNode node,
      BufferMeters bufferMeters) {
    this.config = config;
    this.backlog = backlog;
    this.node = node;
    this.bufferMeters = bufferMeters;
  }

  /**
   * Opens the node's buffer and prepares the node; nothing connects before {@link #start()}.
   *
   * @param writer writes accepted DCMD values to the PLCs
   * @throws io.floorgate.buffer.BufferException when the buffer cannot be used
   * @throws IllegalArgumentException when the broker settings cannot be used (TLS files)
   */
  public static SparkplugOutput open(GatewayConfig config, DeviceWriter writer, Clock clock) {
    BufferConfig bufferConfig = buffer(config.buffer());
    DiskBuffer buffer = DiskBuffer.open(bufferConfig, clock);
    BufferedBacklog backlog = new BufferedBacklog(buffer);
    try {
      BdSeqFile bdSeqs = BdSeqFile.at(BdSeqFile.beside(bufferConfig.directory()));
      return new SparkplugOutput(config.sparkplug(), backlog,
          new SparkplugNode(config, writer, backlog, bdSeqs, Devices.BIRTH_WAIT),
          new BufferMeters(buffer, NAME, clock));
    } catch (RuntimeException e) {
      backlog.close();
      throw e;
    }
  }

  /** The node's own buffer: beside the UNS one, the same limits, since each buffer has one reader. */
  static BufferConfig buffer(BufferConfig uns) {
    Path dir = uns.directory().toAbsolutePath().normalize();
    return new BufferConfig(dir.resolveSibling(dir.getFileName() + "-sparkplug"), uns.maxBytes(),
        uns.maxAge(), uns.whenFull(), uns.replayRate(), uns.enabled());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start() {
    node.start();
  }

  @Override
  public void accept(Reading reading) {
    node.offer(reading);
  }

  @Override
  public void linkChanged(String connection, LinkState state) {
    node.linkChanged(connection, state);
  }

  @Override
  public Health health() {
    return node.isOnline()
        ? Health.ready("edge node " + config.groupId() + "/" + config.edgeNodeId()
            + " online, bdSeq " + node.bdSeq())
        : Health.notReady("edge node " + config.groupId() + "/" + config.edgeNodeId()
            + " offline: " + node.detail());
  }

  @Override
  public BufferState buffer() {
    return bufferMeters.state();
  }

  @Override
  public List<String> reload(GatewayConfig next) {
    // The births list every metric, fixed when the node starts: it skips (and counts) readings
    // of tags it was not born with until the next restart.
    return List.of("Sparkplug keeps the metrics it was born with until the gateway restarts");
  }

  @Override
  public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
    new NodeMeters(node).bindTo(registry);
    bufferMeters.bindTo(registry);
  }

  /** The edge node, for tests. */
  public SparkplugNode node() {
    return node;
  }

  @Override
  public void close() {
    try {
      node.close();
    } finally {
      backlog.close();
    }
  }
}
