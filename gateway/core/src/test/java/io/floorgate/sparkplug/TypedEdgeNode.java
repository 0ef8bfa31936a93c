package io.floorgate.sparkplug;

import io.floorgate.Floorgate;
import io.floorgate.config.ConfigLoader;
import io.floorgate.sparkplug.SparkplugHost.Received;
import io.floorgate.sparkplug.TypedPlc.Variable;
import io.floorgate.testkit.MqttTestClient;
import io.floorgate.testkit.MqttTestClient.Session;
import io.floorgate.testkit.TestPlant;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;

/**
 * The typed-variables PLC read by a gateway whose only output is a Sparkplug edge node on the test
 * broker, with a Tahu host and a raw subscriber on the group: the fixture of the data type tests.
 * After {@link #start} the device's DBIRTH is in; {@link #change} then gives three variables new
 * values and waits for the DDATA that carries them.
 */
final class TypedEdgeNode implements AutoCloseable {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String DEVICE = "typed";

  static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");
  static final BigInteger UINT64_LATER = new BigInteger("18446744073709551000");
  static final Instant TIME = Instant.parse("2026-12-05T05:00:00.123Z");
  static final byte[] BLOB = {0, 1, (byte) 0xFF, (byte) 0x80};
  static final String GUID = "72962b91-fa75-4ae6-8d28-b404dc7daf63";

  /** Every variable, by metric name (the tag's path): its DataType and first value. */
  static final Map<String, Variable> VARIABLES = Map.of(
      "typed/uint64", new Variable("UInt64Max", NodeIds.UInt64, -1,
          new Variant(ULong.valueOf(UINT64_MAX))),
      "typed/time", new Variable("Time", NodeIds.DateTime, -1, new Variant(new DateTime(TIME))),
      "typed/blob", new Variable("Blob", NodeIds.ByteString, -1,
          new Variant(ByteString.of(BLOB))),
      "typed/guid", new Variable("Guid", NodeIds.Guid, -1, new Variant(UUID.fromString(GUID))),
      "typed/label", new Variable("Label", NodeIds.String, -1, Variant.NULL_VALUE),
      "typed/counts", new Variable("Counts", NodeIds.Int32, 1,
          new Variant(new Integer[] {1, -2, 3})),
      "typed/levels", new Variable("Levels", NodeIds.Double, 1,
          new Variant(new Double[] {1.5, -2.25})),
      "typed/names", new Variable("Names", NodeIds.String, 1,
          new Variant(new String[] {"a", "b/c", "ü"})),
      "typed/flags", new Variable("Flags", NodeIds.Boolean, 1,
          new Variant(new Boolean[] {true, false, true})));

  final String group = TestPlant.uniqueGroup();
  final TypedPlc plc;
  final SparkplugHost host;
  /** Every payload of the group as it came from the broker, by arrival. */
  final List<Raw> raw = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final MqttTestClient rawClient;
  private final Floorgate gateway;
  final Received birth;

  /** One message as published: topic and payload bytes. */
  record Raw(String topic, byte[] payload) {}

  private TypedEdgeNode() throws Exception {
    plc = TypedPlc.start(VARIABLES.values().stream().toList());
    host = SparkplugHost.connect(BROKER, group);
    rawClient = MqttTestClient.connect(BROKER, "raw", Session.CLEAN,
        (topic, message) -> raw.add(new Raw(topic, message.getPayload())));
    rawClient.subscribe(SparkplugTopics.NAMESPACE + "/" + group + "/#");
    gateway = Floorgate.start(ConfigLoader.parse(yaml(), "typed.yaml", Map.of()));
    Received born;
    try {
      born = host.await("DBIRTH", DEVICE, 0, WAIT);
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
    birth = born;
  }

  static TypedEdgeNode start() throws Exception {
    return new TypedEdgeNode();
  }

  /**
   * New values for the UInt64, the Int32 array and the null String; returns the first DDATA that
   * has all three (one or several scans may carry them).
   */
  List<Received> change() {
    int since = host.lastOrder();
    plc.set("UInt64Max", new Variant(ULong.valueOf(UINT64_LATER)));
    plc.set("Counts", new Variant(new Integer[] {7, 8}));
    plc.set("Label", new Variant("filled"));
    Map<Long, String> names = names();
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> ddataAfter(since).stream()
        .flatMap(m -> m.payload().getMetrics().stream())
        .map(m -> m.getName() != null ? m.getName() : names.get(m.getAlias()))
        .filter(n -> List.of("typed/uint64", "typed/counts", "typed/label").contains(n))
        .distinct().count() == 3);
    return ddataAfter(since);
  }

  private List<Received> ddataAfter(int since) {
    return host.messages().stream()
        .filter(m -> m.order() > since && m.type().equals("DDATA") && DEVICE.equals(m.device()))
        .toList();
  }

  /** The payloads of one message type of the device, as the broker delivered them. */
  List<byte[]> raw(String type) {
    String topic = SparkplugTopics.NAMESPACE + "/" + group + "/" + type + "/"
        + TestPlant.NODE + "/" + DEVICE;
    return raw.stream().filter(r -> r.topic().equals(topic)).map(Raw::payload).toList();
  }

  private String yaml() {
    StringBuilder tags = new StringBuilder();
    for (Map.Entry<String, Variable> v : new java.util.TreeMap<>(VARIABLES).entrySet()) {
      tags.append("            - { path: ").append(v.getKey()).append(", node: '")
          .append(TypedPlc.node(v.getValue().name())).append("' }\n");
    }
    return """
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: '%BROKER%', clientId: '%GROUP%-uns' }
        uns: { enabled: false }
        buffer: { directory: 'target/test-buffers/%GROUP%' }
        sparkplug:
          enabled: true
          groupId: '%GROUP%'
          edgeNodeId: %NODE%
          clientId: '%GROUP%'
          brokers: ['%BROKER%']
          keepAlive: 5s
          connectTimeout: 3s
        connections:
          - name: %DEVICE%
            endpoint: %ENDPOINT%
            area: lab
            retry: { initial: 200ms, max: 1s }
            groups:
              - name: all
                samplingInterval: 100ms
                publishingInterval: 100ms
                tags:
        """.replace("%BROKER%", BROKER).replace("%GROUP%", group)
        .replace("%NODE%", TestPlant.NODE).replace("%DEVICE%", DEVICE)
        .replace("%ENDPOINT%", plc.endpoint()) + tags;
  }

  @Override
  public void close() throws Exception {
    try (AutoCloseable p = plc; AutoCloseable h = host; AutoCloseable r = rawClient) {
      gateway.close();
    }
  }

  /** Metric names by alias, from the birth: DATA carries aliases only. */
  Map<Long, String> names() {
    Map<Long, String> names = new ConcurrentHashMap<>();
    birth.payload().getMetrics().stream().filter(m -> m.hasAlias())
        .forEach(m -> names.put(m.getAlias(), m.getName()));
    return names;
  }
}
