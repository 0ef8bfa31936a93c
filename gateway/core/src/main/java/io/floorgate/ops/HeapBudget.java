package io.floorgate.ops;

import io.floorgate.config.GatewayConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * The maximum Java heap a configuration needs, from the live heap measured per tag
 * (docs/explanation/performance-and-memory.md, "Memory and start-up"): about 16 MB for the
 * gateway itself and 1.5 KB a tag after a full collection (31 MB at 10,000 tags, 159 MB at
 * 100,000), given 1.6 times that to collect in — 1.0 and 1.3 times ran out of heap or fell behind
 * at 100,000 tags — and twice that with the Sparkplug node, whose birth certificate of every
 * metric and start-up burst of a value per tag come on top (100,000 tags: 256m carried the UNS
 * form, 320m Sparkplug). Never below the launcher's 80m, the size measured to carry 10,000 tags.
 *
 * <p>{@code floorgate check --heap} prints it for the launcher, which sizes the JVM with it unless
 * {@code FLOORGATE_HEAP_MAX} is set; a running gateway whose heap is smaller says so at start and
 * at a reload that adds tags.
 *
 * @param tags      the configured tags
 * @param sparkplug whether the Sparkplug node runs
 * @param bytes     the maximum heap to give the JVM
 */
public record HeapBudget(long tags, boolean sparkplug, long bytes) {

  static final long MB = 1024 * 1024;
  /** The launcher's heap when it knows nothing of the configuration; carries 10,000 tags. */
  static final long FLOOR = 80 * MB;
  private static final long GATEWAY_BYTES = 16 * MB;
  private static final long BYTES_PER_TAG = 1_536;
  private static final double ROOM = 1.6;
  private static final double ROOM_WITH_SPARKPLUG = 2.0;
  /** A heap smaller than the budget by less than this is not worth a warning. */
  private static final double SLACK = 0.9;

  /** The budget of {@code config}. */
  public static HeapBudget of(GatewayConfig config) {
    return of(config.tagCount(), config.sparkplug().enabled());
  }

  static HeapBudget of(long tags, boolean sparkplug) {
    double live = GATEWAY_BYTES + (double) tags * BYTES_PER_TAG;
    long needed = (long) Math.ceil(live * (sparkplug ? ROOM_WITH_SPARKPLUG : ROOM));
    // Whole 16 MB steps, as an operator would write it.
    long rounded = (needed + 16 * MB - 1) / (16 * MB) * (16 * MB);
    return new HeapBudget(tags, sparkplug, Math.max(FLOOR, rounded));
  }

  /** The size in the JVM's and the launcher's form, e.g. {@code 272m}. */
  public String launcherValue() {
    return bytes / MB + "m";
  }

  /**
   * What to tell the operator when the JVM's maximum heap, {@code maxHeapBytes}
   * ({@link Runtime#maxMemory()}), is clearly smaller than this budget; empty when it suffices.
   */
  public Optional<String> shortfall(long maxHeapBytes) {
    if (maxHeapBytes >= bytes * SLACK) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT,
        "heap: %,d tags%s need a heap of about %d MB, and this JVM may use %d MB, so it may run "
            + "out of memory: unset FLOORGATE_HEAP_MAX (floorgate-java then sizes the heap from "
            + "the configuration) or set FLOORGATE_HEAP_MAX=%s, and restart",
        tags, sparkplug ? " with the Sparkplug node" : "", bytes / MB, maxHeapBytes / MB,
        launcherValue()));
  }
}
