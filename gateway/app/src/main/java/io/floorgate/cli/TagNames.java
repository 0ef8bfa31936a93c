package io.floorgate.cli;

import com.anyascii.AnyAscii;
import io.floorgate.config.ConfigRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Tag paths made from browse names. Names stay readable in their own script (MQTT topic levels
 * are UTF-8): {@code Zählerstand} becomes {@code zählerstand} and {@code 炉温} stays {@code 炉温};
 * with {@code ascii} they are transliterated first ({@code zahlerstand}, {@code luwen}) for sites
 * whose consumers take only ASCII topics.
 *
 * <p>Names that collide (two nodes whose names differ only in case or punctuation) each get a
 * suffix from their node id — the first six hex digits of its SHA-256 — rather than a number in
 * browse order, so that browsing again, when the server lists its nodes in another order or has
 * gained one, gives every node the path it had.
 */
final class TagNames {

  /** A level for a name that has no letter or digit left (e.g. "---"). */
  static final String EMPTY = "node";
  static final int SUFFIX_HEX = 6;

  private final boolean ascii;

  TagNames(boolean ascii) {
    this.ascii = ascii;
  }

  /** One topic level for a browse name. */
  String level(String browseName) {
    String level = (ascii
        ? ConfigSkeleton.asLevel(AnyAscii.transliterate(browseName))
        : ConfigRules.asTagLevel(browseName)).replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
    return level.isEmpty() ? EMPTY : level;
  }

  /**
   * The path of each node, in the order given: {@code browsePaths.get(i)} is the browse path of
   * the node whose id is {@code nodeIds.get(i)}.
   */
  List<String> paths(List<List<String>> browsePaths, List<String> nodeIds) {
    List<String> base = new ArrayList<>(browsePaths.size());
    Map<String, Integer> count = new HashMap<>();
    for (List<String> browsePath : browsePaths) {
      List<String> levels = new ArrayList<>(browsePath.size());
      for (String name : browsePath) {
        levels.add(level(name));
      }
      String path = String.join("/", levels);
      base.add(path);
      count.merge(path, 1, Integer::sum);
    }
    List<String> paths = new ArrayList<>(base.size());
    for (int i = 0; i < base.size(); i++) {
      String path = base.get(i);
      paths.add(count.get(path) > 1 ? path + "-" + suffix(nodeIds.get(i)) : path);
    }
    return paths;
  }

  /** The first six hex digits of the SHA-256 of the node id as written in the config. */
  static String suffix(String nodeId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(nodeId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, SUFFIX_HEX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
