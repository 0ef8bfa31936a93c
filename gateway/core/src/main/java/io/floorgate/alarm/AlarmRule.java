package io.floorgate.alarm;

import io.floorgate.config.AlarmKind;
import io.floorgate.config.AlarmRuleConfig;
import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.GroupConfig;
import io.floorgate.config.TagConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A configured rule resolved against the plant: full ISA-95 paths of the tags it reads, its PLC
 * connection and unit, and the alarm's id.
 *
 * @param id           area, then the tag's levels and the name ({@code area.tag.path.name})
 * @param path         {@code enterprise/site/area/tag…/name}
 * @param connection   the PLC connection of the watched tag
 * @param tag          the watched tag's full path
 * @param against      the full path of the DEVIATION's other tag, or null
 * @param suppressedBy the full path of the suppression tag, or null
 * @param guardTag     FROZEN: the full path of the {@code while:} tag, or null
 * @param unit         unit of limit and value
 * @param config       the rule as configured
 * @param suppressorTags the full paths of the {@code suppressedBy:} tags (alarm ids stay in
 *                     {@code config.suppressedBy()})
 */
record AlarmRule(
    AlarmId id,
    String path,
    String connection,
    String tag,
    @Nullable String against,
    @Nullable String suppressedBy,
    @Nullable String guardTag,
    @Nullable String unit,
    AlarmRuleConfig config,
    List<String> suppressorTags) {

  AlarmRule {
    suppressorTags = List.copyOf(suppressorTags);
  }

  /** A rule without {@code suppressedBy:} tags. */
  AlarmRule(AlarmId id, String path, String connection, String tag, @Nullable String against,
      @Nullable String suppressedBy, @Nullable String guardTag, @Nullable String unit,
      AlarmRuleConfig config) {
    this(id, path, connection, tag, against, suppressedBy, guardTag, unit, config, List.of());
  }

  AlarmKind kind() {
    return config.kind();
  }

  /** The tags whose readings this rule needs. */
  List<String> inputs() {
    List<String> inputs = new ArrayList<>(3);
    inputs.add(tag);
    if (against != null) {
      inputs.add(against);
    }
    if (suppressedBy != null) {
      inputs.add(suppressedBy);
    }
    if (guardTag != null) {
      inputs.add(guardTag);
    }
    suppressorTags.stream().filter(t -> !inputs.contains(t)).forEach(inputs::add);
    return inputs;
  }

  /** Resolves every rule of the config; empty when it has no {@code alarms:}. */
  static List<AlarmRule> of(GatewayConfig config) {
    if (config.alarms() == null) {
      return List.of();
    }
    String root = config.namespace().root();
    Map<String, String> connectionOf = new HashMap<>();
    Map<String, @Nullable String> unitOf = new HashMap<>();
    for (ConnectionConfig c : config.connections()) {
      for (GroupConfig g : c.groups()) {
        for (TagConfig t : g.tags()) {
          connectionOf.put(c.area() + "/" + t.path(), c.name());
          unitOf.put(c.area() + "/" + t.path(), t.unit());
        }
      }
    }
    List<AlarmRule> rules = new ArrayList<>();
    for (AlarmRuleConfig r : config.alarms().rules()) {
      String area = r.tag().substring(0, r.tag().indexOf('/'));
      String below = r.tag().substring(area.length() + 1) + "/" + r.name();
      List<String> levels = List.of(below.split("/"));
      String unit = unitOf.get(r.tag());
      if (r.kind() == AlarmKind.RATE && unit != null) {
        unit = unit + "/min";
      } else if (r.kind() == AlarmKind.RUN_HOURS) {
        unit = "h";
      } else if (r.kind() == AlarmKind.STALE) {
        unit = "s";
      } else if (r.kind() == AlarmKind.BAD_QUALITY || r.kind() == AlarmKind.DISCRETE
          || r.kind() == AlarmKind.COUNT) {
        unit = null;
      }
      rules.add(new AlarmRule(
          AlarmId.rule(area, levels),
          root + "/" + area + "/" + below,
          connectionOf.getOrDefault(r.tag(), ""),
          root + "/" + r.tag(),
          r.against() == null ? null : root + "/" + r.against(),
          r.suppressWhen() == null ? null : root + "/" + r.suppressWhen().tag(),
          r.guard() == null ? null : root + "/" + r.guard().tag(),
          unit,
          r,
          r.suppressedBy().stream().filter(s -> s.indexOf('/') >= 0).map(s -> root + "/" + s)
              .toList()));
    }
    rules.addAll(CommunicationRules.of(config));
    return rules;
  }
}
