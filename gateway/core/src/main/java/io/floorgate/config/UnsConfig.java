package io.floorgate.config;

import java.util.Locale;
import java.util.Objects;

/**
 * The Unified Namespace JSON publisher ({@code uns:} in YAML).
 *
 * @param enabled  whether readings are published as UNS JSON [true]; turn it off to publish
 *                 Sparkplug B only
 * @param form     one message per reading on the tag's own topic [{@code per-tag}], or several
 *                 readings per message on {@code …/_batch/<connection>} ({@code batched}), for
 *                 historians at rates one message per value cannot carry
 * @param maxBatch the most readings in one batched message [500] (2–10,000)
 */
public record UnsConfig(boolean enabled, Form form, int maxBatch, Retain retain) {

  /** Which UNS messages the broker keeps for subscribers that join later. */
  public enum Retain {
    /**
     * No reading is retained (only each tag's {@code _meta}): a historian that stores what it
     * receives would otherwise store the retained value again, with its old timestamp, at every
     * (re)subscribe.
     */
    NONE,
    /**
     * Each tag's newest value is retained on its topic, so a dashboard that joins late shows every
     * tag at once, also those that never change; a replayed reading never replaces a newer one.
     */
    VALUES,
    /** As {@link #VALUES}, and in the batched form each PLC's newest batch too. */
    ALL;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }


  /** How readings map to MQTT messages. */
  public enum Form {
    /** {@code [prefix/]enterprise/site/area/…/tag}: one message per reading, the UNS itself. */
    PER_TAG,
    /** {@code [prefix/]enterprise/site/_batch/<connection>}: {@code {"values":[…]}}. */
    BATCHED;

    /** As written in YAML: {@code per-tag}. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public static final boolean DEFAULT_ENABLED = true;
  public static final int DEFAULT_MAX_BATCH = 500;
  public static final int MIN_MAX_BATCH = 2;
  public static final int MAX_MAX_BATCH = 10_000;

  public UnsConfig {
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(retain, "retain");
    Checks.within("maxBatch", maxBatch, MIN_MAX_BATCH, MAX_MAX_BATCH);
  }

  /** One message per reading. */
  public UnsConfig(boolean enabled) {
    this(enabled, Form.PER_TAG, DEFAULT_MAX_BATCH, Retain.NONE);
  }

  /** Nothing retained but the metadata. */
  public UnsConfig(boolean enabled, Form form, int maxBatch) {
    this(enabled, form, maxBatch, Retain.NONE);
  }

  /** Whether a live value of a tag is retained on its per-tag topic. */
  public boolean retainsValues() {
    return retain != Retain.NONE;
  }

  /** Whether a batched message is retained on its PLC's batch topic. */
  public boolean retainsBatches() {
    return retain == Retain.ALL;
  }

  /** The publisher as it runs when the config does not mention it. */
  public static UnsConfig defaults() {
    return new UnsConfig(DEFAULT_ENABLED);
  }
}
