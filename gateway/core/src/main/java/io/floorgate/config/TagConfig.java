package io.floorgate.config;

import io.floorgate.driver.Deadband;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One tag: where it is on the PLC, and how its raw value becomes a reading (an item of a group's
 * {@code tags:} in YAML). Only {@code path} and {@code node} are required; the rest default to
 * none. The path is unique within its area.
 *
 * @param path        ISA-95 path below the area, levels of {@code a-z0-9-_}, e.g.
 *                    {@code rhk01/zone03/temperature}
 * @param node        the tag's address as its driver reads it: an OPC UA node id, e.g.
 *                    {@code ns=2;s=RHK01.Zone03.TempPV}, or the text another driver made of the
 *                    tag's keys (Modbus: {@code hr:100 float32 CDAB})
 * @param description human-readable description, for the {@code _meta} topic
 * @param unit        engineering unit the value is published in (a JSR 385 symbol such as
 *                    {@code °C}, {@code Pa}, {@code l/min}); null for unitless
 * @param sourceUnit  unit the PLC reports in, when it differs from {@code unit}: converted
 * @param scaling     linear scaling of raw counts to engineering units, applied before conversion
 * @param enumMap     integer code to state name (e.g. mixer state), empty for none
 * @param range       expected engineering range, for {@code _meta} and percent deadband
 * @param deadband    client-side deadband, applied to polled values in engineering units; only
 *                    in polling groups (subscription groups have the server's, on the group)
 * @param writable    whether commands (Sparkplug DCMD) may write the PLC variable: only values of
 *                    {@code type}, and numbers only within {@code range}; such a tag has no
 *                    scale, sourceUnit or enum, so the value written is the value published
 * @param type        the PLC variable's data type; required for a writable tag, null otherwise
 */
public record TagConfig(
    String path,
    String node,
    @Nullable String description,
    @Nullable String unit,
    @Nullable String sourceUnit,
    @Nullable Scaling scaling,
    Map<Long, String> enumMap,
    @Nullable Range range,
    @Nullable Deadband deadband,
    boolean writable,
    @Nullable ValueType type) {

  public TagConfig {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(node, "node");
    enumMap = Map.copyOf(enumMap);
    String pathProblem = Names.pathProblem(path);
    if (pathProblem != null) {
      throw new IllegalArgumentException("path " + pathProblem);
    }
    if (node.isBlank()) {
      throw new IllegalArgumentException("node (the tag's address) is empty");
    }
    if (sourceUnit != null && unit == null) {
      throw new IllegalArgumentException(
          "sourceUnit " + sourceUnit + " needs a unit to convert to");
    }
    if (writable && (type == null || scaling != null || sourceUnit != null || !enumMap.isEmpty()
        || (type.isNumber() && range == null))) {
      throw new IllegalArgumentException("writable tag " + path + " needs a type (and a range "
          + "for numbers) and no scale, sourceUnit or enum");
    }
    if (!writable && type != null) {
      throw new IllegalArgumentException("type " + type + " is for writable tags only");
    }
  }

  /** A read-only tag. */
  public TagConfig(String path, String node, @Nullable String description, @Nullable String unit,
      @Nullable String sourceUnit, @Nullable Scaling scaling, Map<Long, String> enumMap,
      @Nullable Range range, @Nullable Deadband deadband) {
    this(path, node, description, unit, sourceUnit, scaling, enumMap, range, deadband, false, null);
  }
}
