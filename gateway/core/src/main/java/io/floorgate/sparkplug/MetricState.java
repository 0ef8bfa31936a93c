package io.floorgate.sparkplug;

import io.floorgate.config.TagConfig;
import io.floorgate.driver.SourceType;
import io.floorgate.reading.Quality;
import java.util.Date;
import org.eclipse.tahu.message.model.MetricDataType;
import org.jspecify.annotations.Nullable;

/**
 * One metric: a configured tag of one device, with its Sparkplug identity (name, alias, data
 * type) and the latest value, which births carry. Confined to the node's thread.
 */
final class MetricState {

  final DeviceState device;
  /** The tag's path below its area, e.g. {@code rhk01/zone03/temperature}. */
  final String name;
  final long alias;
  final TagConfig tag;
  /**
   * Declared by the config (writable tags), else by the source, else learnt from the first value;
   * null until known.
   */
  @Nullable MetricDataType type;
  /** The type the source last declared, so that only a change of it changes {@link #type}. */
  @Nullable SourceType source;
  /** The latest value, converted to {@link #type}; null for none. */
  @Nullable Object value;
  /** The latest quality; null while no reading has arrived. */
  @Nullable Quality quality;
  @Nullable Date timestamp;
  /** The quality the host was last told, so that a return to GOOD is said explicitly. */
  @Nullable Quality sentQuality;

  MetricState(DeviceState device, String name, long alias, TagConfig tag,
      @Nullable MetricDataType declared) {
    this.device = device;
    this.name = name;
    this.alias = alias;
    this.tag = tag;
    this.type = declared;
  }

  boolean declared() {
    return tag.type() != null;
  }

  @Override
  public String toString() {
    return device.id + "/" + name;
  }
}
