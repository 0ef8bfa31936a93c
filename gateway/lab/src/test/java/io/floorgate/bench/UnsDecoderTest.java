package io.floorgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnsDecoderTest {

  private static final String LOAD = "jxnmm/isohara/bench/rhk01/load";
  private final UnsDecoder decoder = new UnsDecoder(LOAD);

  /** What a sink saw, as text: {@code 42=17.25@<millis>} per value, {@code ?} per unreadable. */
  private static final class Seen implements UnsDecoder.Sink {
    final List<String> items = new ArrayList<>();

    @Override
    public void value(int index, double value, long sourceMillis) {
      items.add(index + "=" + value + "@" + sourceMillis);
    }

    @Override
    public void unreadable() {
      items.add("?");
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A batch element as the gateway writes it: the per-tag payload with the path first. */
  private static String element(String path, String value, String sourceTime) {
    return "{\"path\":\"" + path + "\",\"value\":" + value + ",\"unit\":null,\"quality\":\"GOOD\","
        + "\"status\":{\"code\":0,\"name\":\"Good\"},\"timestamp\":\"" + sourceTime + "\","
        + "\"timestampSource\":\"SOURCE\",\"sourceTime\":\"" + sourceTime + "\","
        + "\"gatewayTime\":\"2026-11-26T07:40:01.262Z\"}";
  }

  @Test
  void batchHandsOverEachLoadElementWithItsOwnSourceTime() {
    Seen seen = new Seen();
    String batch = "{\"values\":[" + element(LOAD + "/v00042", "17.25", "2026-11-26T07:40:01.250Z")
        + "," + element(LOAD + "/v00007", "3", "2026-11-26T07:40:02.000Z") + "]}";

    assertTrue(decoder.batch(utf8(batch), seen));

    assertEquals(List.of("42=17.25@1795678801250", "7=3.0@1795678802000"), seen.items);
  }

  @Test
  void batchSkipsOtherTagsAndReportsLoadElementsWithoutAValue() {
    Seen seen = new Seen();
    String bad = "{\"path\":\"" + LOAD + "/v00003\",\"value\":null,\"quality\":\"BAD\","
        + "\"status\":{\"code\":2158690304,\"name\":\"Bad_NoCommunication\"},"
        + "\"sourceTime\":\"2026-11-26T07:40:01.250Z\"}";
    String batch = "{\"values\":["
        + element("jxnmm/isohara/bench/rhk01/probe", "true", "2026-11-26T07:40:01.250Z") + ","
        + element("jxnmm/isohara/bench/rhk01/loader/v00001", "1", "2026-11-26T07:40:01.250Z") + ","
        + bad + ","
        + element(LOAD + "/vx", "1", "2026-11-26T07:40:01.250Z") + ","
        + element(LOAD + "/v00004", "4.5", "2026-11-26T07:40:01.250Z") + "]}";

    assertTrue(decoder.batch(utf8(batch), seen));

    assertEquals(List.of("?", "?", "4=4.5@1795678801250"), seen.items);
  }

  @Test
  void payloadThatIsNoBatchIsRefused() {
    Seen seen = new Seen();
    assertFalse(decoder.batch(utf8(element(LOAD + "/v00001", "1", "2026-11-26T07:40:01.250Z")), seen));
    assertFalse(decoder.batch(utf8("not json"), seen));
    assertFalse(decoder.batch(utf8("{\"values\":[" + element(LOAD + "/v00001", "1",
        "2026-11-26T07:40:01.250Z")), seen), "a batch cut short");
    assertEquals(List.of("1=1.0@1795678801250"), seen.items, "what came before the cut is kept");
  }

  @Test
  void singleValueAndSourceTimeAreParsedFromUnsJson() {
    UnsDecoder.Parsed parsed = UnsDecoder.parse(utf8(
        "{\"value\":17.25,\"unit\":null,\"quality\":\"GOOD\",\"status\":{\"code\":0,\"name\":\"Good\"},"
            + "\"sourceTime\":\"2026-11-26T07:40:01.250Z\"}"));
    assertEquals(new UnsDecoder.Parsed(17.25, 1_795_678_801_250L), parsed);
    assertNull(UnsDecoder.parse(utf8("not json")));
    assertNull(UnsDecoder.parse(utf8("{\"value\":null,\"sourceTime\":\"2026-11-26T07:40:01.250Z\"}")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2026-11-26T07:40:01.250Z", "1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z",
      "1999-12-31T23:59:59.001Z", "2000-01-01T00:00:00.000Z", "2100-03-01T12:00:00.500Z",
      // Not the gateway's form: read by Instant.parse (the baseline writes Instant.toString()).
      "2026-11-26T07:40:01Z", "2026-11-26T07:40:01.25Z", "2026-11-26T07:40:01.250123Z"})
  void timeIsReadAsInstantParseReadsIt(String text) {
    assertEquals(Instant.parse(text).toEpochMilli(), millis(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-30T07:40:01.250Z", "2026-13-01T07:40:01.250Z",
      "2026-11-26T24:40:01.250Z", "2026-11-26T07:40:0x.250Z", "yesterday", ""})
  void timeThatIsNoneGivesMinusOne(String text) {
    assertEquals(-1, millis(text));
  }

  private static long millis(String text) {
    // Inside a larger buffer, as Jackson hands it over.
    char[] buffer = ("xx" + text + "yy").toCharArray();
    return UnsDecoder.epochMillis(buffer, 2, text.length());
  }
}
