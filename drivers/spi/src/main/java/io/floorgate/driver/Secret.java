package io.floorgate.driver;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A password held so that it cannot end up in a log line: {@link #toString()} never shows it, and
 * records that hold one print {@code ***}.
 */
public final class Secret {

  private final byte[] utf8;

  private Secret(byte[] utf8) {
    this.utf8 = utf8;
  }

  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh copy of the bytes; the caller may (and should) zero it after use. */
  public byte[] utf8() {
    return utf8.clone();
  }

  public boolean isEmpty() {
    return utf8.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && Arrays.equals(utf8, s.utf8);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(utf8);
  }

  @Override
  public String toString() {
    return "***";
  }
}
