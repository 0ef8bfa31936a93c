package io.floorgate.sparkplug;

/** The topics of one edge node: {@code spBv1.0/{group}/{verb}/{node}[/{device}]}. */
final class SparkplugTopics {

  static final String NAMESPACE = "spBv1.0";

  private final String node;
  private final String group;

  SparkplugTopics(String group, String node) {
    this.group = group;
    this.node = node;
  }

  String nbirth() {
    return nodeTopic("NBIRTH");
  }

  String ndeath() {
    return nodeTopic("NDEATH");
  }

  String ncmd() {
    return nodeTopic("NCMD");
  }

  String dbirth(String device) {
    return deviceTopic("DBIRTH", device);
  }

  String ddeath(String device) {
    return deviceTopic("DDEATH", device);
  }

  String ddata(String device) {
    return deviceTopic("DDATA", device);
  }

  /** Every device's commands. */
  String dcmdFilter() {
    return deviceTopic("DCMD", "+");
  }

  /** The device a DCMD topic addresses, or null when the topic is not one of ours. */
  String deviceOf(String dcmdTopic) {
    String prefix = deviceTopic("DCMD", "");
    String device = dcmdTopic.startsWith(prefix) ? dcmdTopic.substring(prefix.length()) : "";
    return device.isEmpty() || device.contains("/") ? "" : device;
  }

  static String state(String hostId) {
    return NAMESPACE + "/STATE/" + hostId;
  }

  private String nodeTopic(String verb) {
    return NAMESPACE + "/" + group + "/" + verb + "/" + node;
  }

  private String deviceTopic(String verb, String device) {
    return nodeTopic(verb) + "/" + device;
  }
}
