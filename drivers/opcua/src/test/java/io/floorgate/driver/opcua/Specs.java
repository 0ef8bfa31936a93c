package io.floorgate.driver.opcua;

import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.TagGroupSpec;
import io.floorgate.driver.TagSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Connection and group specs for tests against the simulated plant. */
final class Specs {

  static final String HEARTBEAT = "ns=2;s=RHK01.Heartbeat";

  private Specs() {}

  static ConnectionSpec connection(String url, TagGroupSpec... groups) {
    return new ConnectionSpec("rhk01", url, Duration.ofMillis(100), Duration.ofMillis(500), List.of(groups));
  }

  static TagGroupSpec subscription(List<TagSpec> tags) {
    return new TagGroupSpec("fast", AcquisitionMode.SUBSCRIPTION, Duration.ofMillis(100),
        Duration.ofMillis(100), 10, null, Duration.ofSeconds(1), tags);
  }

  static TagGroupSpec polling(Duration interval, List<TagSpec> tags) {
    return new TagGroupSpec("slow", AcquisitionMode.POLLING, Duration.ofMillis(100),
        Duration.ofMillis(100), 1, null, interval, tags);
  }

  static TagSpec tag(String key, String nodeId) {
    return new TagSpec(key, nodeId);
  }

  /** zone01.pv … zone12.pv. */
  static List<TagSpec> zonePvs() {
    List<TagSpec> tags = new ArrayList<>();
    for (int z = 1; z <= 12; z++) {
      tags.add(tag(String.format("zone%02d.pv", z), String.format("ns=2;s=RHK01.Zone%02d.TempPV", z)));
    }
    return tags;
  }

  static List<TagSpec> with(List<TagSpec> tags, TagSpec... more) {
    List<TagSpec> all = new ArrayList<>(tags);
    all.addAll(List.of(more));
    return all;
  }
}
