package io.floorgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floorgate.api.RouterHandlerTest.Answer;
import io.netty.handler.codec.http.HttpMethod;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator named in {@code by} (and the comment) of alarm commands, through the API's routes
 * in an {@code EmbeddedChannel} on a real alarm engine (the set-up of {@link RouterHandlerTest}):
 * NUL, terminal escapes, bidirectional overrides and over-long names are refused with a 400 that
 * says what to send, and the alarm stays as it was.
 */
@Timeout(30)
class OperatorTextTest {

  private final RouterHandlerTest api = new RouterHandlerTest();

  @BeforeEach
  void start() throws Exception {
    api.start();
    api.raise();
  }

  @AfterEach
  void stop() {
    assertFalse(api.channel.finish());
    api.stop();
  }

  private Answer post(String command, ObjectNode body) throws Exception {
    return api.call(HttpMethod.POST, "/api/alarms/" + RouterHandlerTest.ID + "/" + command,
        body.toString(), RouterHandlerTest.TOKEN);
  }

  private static ObjectNode body(String by) {
    return JsonNodeFactory.instance.objectNode().put("by", by);
  }

  static Stream<Arguments> refusedNames() {
    return Stream.of(
        Arguments.of("NUL", "tanaka\u0000root", "U+0000"),
        Arguments.of("escape", "\u001b[2Jtanaka", "U+001B"),
        Arguments.of("bell", "tana\u0007ka", "U+0007"),
        Arguments.of("DEL", "tanaka\u007f", "U+007F"),
        Arguments.of("C1 control", "tanaka\u009b31m", "U+009B"),
        Arguments.of("bidi override", "\u202etanaka", "U+202E"),
        Arguments.of("line break", "tanaka\nACK by admin", "U+000A"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedNames")
  void ackByWithAControlCharacterIs400NamingIt(String what, String by, String code)
      throws Exception {
    Answer answer = post("ack", body(by));

    assertEquals(400, answer.status(), what);
    String message = answer.json().path("message").asText();
    assertTrue(message.contains("'by' contains the character " + code), message);
    assertTrue(message.contains("{\"by\": \"tanaka\"}"), message);
    assertFalse(api.engine.alarm(RouterHandlerTest.ID).acked());
  }

  @Test
  void ackByLongerThan64CharactersIs400AndSixtyFourPass() throws Exception {
    Answer tooLong = post("ack", body("t".repeat(65)));
    assertEquals(400, tooLong.status());
    assertTrue(tooLong.json().path("message").asText().contains("65 characters long"),
        tooLong.json().toString());
    assertTrue(tooLong.json().path("message").asText().contains("at most 64"));
    assertFalse(api.engine.alarm(RouterHandlerTest.ID).acked());

    Answer fits = post("ack", body("運転員-".repeat(16)));
    assertEquals(200, fits.status(), fits.json().toString());
    assertEquals("運転員-".repeat(16), fits.json().path("ackedBy").asText());
  }

  @Test
  void shelveIsCheckedLikeAck() throws Exception {
    Answer answer = post("shelve", body("tanaka\u001b]0;x\u0007").put("duration", "30m"));

    assertEquals(400, answer.status());
    assertTrue(answer.json().path("message").asText().contains("U+001B"));
    assertEquals("UNACKED", api.engine.alarm(RouterHandlerTest.ID).state().name());
  }

  @Test
  void aCommentMaySpanLinesButCarriesNoEscape() throws Exception {
    Answer escape = post("ack", body("tanaka").put("comment", "burner\u001b[31m checked"));
    assertEquals(400, escape.status());
    assertTrue(escape.json().path("message").asText().contains("'comment' contains the "
        + "character U+001B"), escape.json().toString());

    Answer lines = post("ack", body("tanaka").put("comment", "burner checked\nvalve 3\tok"));
    assertEquals(200, lines.status(), lines.json().toString());
    assertEquals("burner checked\nvalve 3\tok", lines.json().path("comment").asText());
  }
}
