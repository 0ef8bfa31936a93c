package io.floorgate.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which MQTT version a lane speaks ({@code protocol:} on {@code mqtt}, {@code sparkplug},
 * {@code alarms}). Many plant brokers speak only 3.1.1 (RabbitMQ's MQTT plugin, Moquette, aedes,
 * older Mosquitto builds), so the default tries MQTT 5 and falls back.
 */
public enum MqttProtocol {
  /** MQTT 5 only: a broker that refuses it is reported, never used with 3.1.1. */
  V5("5"),
  /** MQTT 3.1.1 only. */
  V3_1_1("3.1.1"),
  /** MQTT 5, and 3.1.1 from the first broker that refuses 5 as an unsupported version on. */
  AUTO("auto");

  private final String word;

  MqttProtocol(String word) {
    this.word = word;
  }

  /** As written in YAML. */
  public String word() {
    return word;
  }

  /** Every value by its YAML word, for the config reader. */
  static Map<String, MqttProtocol> byWord() {
    Map<String, MqttProtocol> words = new LinkedHashMap<>();
    for (MqttProtocol p : values()) {
      words.put(p.word, p);
    }
    return words;
  }
}
