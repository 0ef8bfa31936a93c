package io.floorgate.normalize;

import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.GroupConfig;
import io.floorgate.config.TagConfig;
import io.floorgate.driver.Sample;
import io.floorgate.reading.Reading;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns driver {@link Sample}s into {@link Reading}s: engineering units (linear scaling, then unit
 * conversion), enum names, quality from the OPC UA status, the timestamp the connection's
 * {@link io.floorgate.config.TimestampPolicy} trusts, and the tag's ISA-95 path
 * {@code enterprise/site/area/tagPath}. Readings that say nothing new are dropped (publish by
 * exception and the tag's client-side deadband).
 *
 * <p>Behaviour worth knowing:
 * <ul>
 *   <li>A BAD sample publishes a null value with its status.
 *   <li>An enum code the tag's map does not name is published as {@code "unknown(7)"} with
 *       quality UNCERTAIN (the raw status is kept).
 *   <li>Integers stay {@link Long} unless scaled or converted; then, like floats, they are
 *       {@link Double}.
 *   <li>A sample for a (connection, tag) not in the config is dropped and counted
 *       ({@link #unknownSamples()}), and logged once per tag.
 * </ul>
 *
 * <p>Not thread-safe: each tag remembers its last published reading, so {@code normalize} must be
 * called from one pipeline thread. The counters may be read from any thread.
 */
public final class Normalizer {

  private static final Logger LOG = LoggerFactory.getLogger(Normalizer.class);
  /** Bounds the memory spent remembering which unknown tags were already logged. */
  private static final int MAX_LOGGED_UNKNOWN = 1000;

  /** connection name → driver tag key ({@link TagConfig#path()}) → pipeline. */
  private final Map<String, Map<String, TagPipeline>> pipelines = new HashMap<>();
  private final Set<String> loggedUnknown = new HashSet<>();
  /** connection name → how often its link has come up; written by drivers' threads. */
  private final Map<String, AtomicInteger> linkUps = new HashMap<>();
  // Single writer (the pipeline thread); volatile so metrics may read them.
  private volatile long unknownSamples;
  private volatile long suppressed;
  private final int tagCount;

  /** A normalizer on the system clock. */
  public Normalizer(GatewayConfig config) {
    this(config, Clock.systemUTC());
  }

  /**
   * Builds every tag's pipeline.
   *
   * @param clock the gateway clock, against which future source times are judged
   * @throws IllegalArgumentException when a tag cannot be built (unknown or incompatible units,
   *     a percent deadband without a range, a tag key used twice); the message names it
   */
  public Normalizer(GatewayConfig config, Clock clock) {
    String root = config.namespace().root();
    int count = 0;
    for (ConnectionConfig connection : config.connections()) {
      TimestampChooser timestamps =
          new TimestampChooser(connection.name(), connection.timestamps(), clock);
      Map<String, TagPipeline> tags =
          pipelines.computeIfAbsent(connection.name(), name -> new HashMap<>());
      linkUps.putIfAbsent(connection.name(), new AtomicInteger());
      for (GroupConfig group : connection.groups()) {
        for (TagConfig tag : group.tags()) {
          String path = root + "/" + connection.area() + "/" + tag.path();
          TagPipeline pipeline = new TagPipeline(connection.name(), path, tag, timestamps);
          if (tags.putIfAbsent(tag.path(), pipeline) != null) {
            throw new IllegalArgumentException("connection " + connection.name() + ": tag "
                + tag.path() + " is configured twice; give each tag one path");
          }
          count++;
        }
      }
    }
    this.tagCount = count;
  }

  /**
   * The reading for this sample, or empty when the sample is unknown or says nothing new.
   * Call from the pipeline thread only.
   */
  public Optional<Reading> normalize(Sample sample) {
    Map<String, TagPipeline> tags = pipelines.get(sample.connection());
    TagPipeline pipeline = tags == null ? null : tags.get(sample.tag());
    if (pipeline == null) {
      unknown(sample);
      return Optional.empty();
    }
    Reading reading = pipeline.normalize(sample, linkUps.get(sample.connection()).get());
    if (reading == null) {
      suppressed++;
      return Optional.empty();
    }
    return Optional.of(reading);
  }

  /**
   * The connection's link came (back) up: the next sample of each of its tags passes the change
   * filter even if unchanged, since after an outage the PLC's current state is news — a Sparkplug
   * DBIRTH waits for it, and a consumer that saw the link drop learns that the value still holds.
   * Any thread.
   */
  public void linkUp(String connection) {
    AtomicInteger n = linkUps.get(connection);
    if (n != null) {
      n.incrementAndGet();
    }
  }

  /** Samples dropped because their connection or tag is not configured. */
  public long unknownSamples() {
    return unknownSamples;
  }

  /** Readings dropped because they repeated the last published one or stayed in the deadband. */
  public long suppressed() {
    return suppressed;
  }

  /** Number of configured tags. */
  public int tagCount() {
    return tagCount;
  }

  private void unknown(Sample sample) {
    unknownSamples++;
    String key = sample.connection() + "/" + sample.tag();
    if (loggedUnknown.size() < MAX_LOGGED_UNKNOWN && loggedUnknown.add(key)) {
      LOG.warn("Connection {}: dropping values of tag '{}', which is not in the configuration;"
              + " add it to the connection's tags or stop the driver from reading it."
              + " Logged once per tag.", sample.connection(), sample.tag());
    }
  }
}
