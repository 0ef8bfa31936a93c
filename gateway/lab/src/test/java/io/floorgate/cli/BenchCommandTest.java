package io.floorgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench} as an engineer first meets it: its help and its refusals (nothing is started). */
class BenchCommandTest {

  record Outcome(int exitCode, String out, String err) {}

  static Outcome execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new FloorgateLab())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void helpDocumentsEveryScenarioFlag() {
    Outcome outcome = execute("bench", "--help");

    assertEquals(0, outcome.exitCode(), outcome::err);
    for (String flag : new String[] {"--format=uns|uns-batched|sparkplug", "--no-buffer",
        "--alarm-probe", "--no-baseline", "--fixed", "--quick", "--steps", "--start",
        "--connections", "--jvm-opt=OPT"}) {
      assertTrue(outcome.out().contains(flag), () -> flag + " missing from:\n" + outcome.out());
    }
  }

  @Test
  void unknownFormatIsAUsageErrorThatNamesTheFormats() {
    Outcome outcome = execute("bench", "--format", "json");

    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("--format must be uns, uns-batched or sparkplug, got json"),
        outcome::err);
  }

  @Test
  void unknownFormatInFixedModeIsAUsageErrorToo() {
    Outcome outcome = execute("bench", "--fixed", "--format", "json");

    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("--format must be uns, uns-batched or sparkplug, got json"),
        outcome::err);
  }

  @Test
  void connectionsOutsideOneToSixteenIsAUsageError() {
    Outcome outcome = execute("bench", "--connections", "17");

    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("--connections must be 1–16, got 17"), outcome::err);
  }

  @Test
  void startRateOutsideWhatTheTagsAllowIsAUsageErrorNamingTheRange() {
    Outcome outcome = execute("bench", "--tags", "100", "--start", "20000");

    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("--start must be 10.0–5000.0 values/s with 100 tags, got 20000.0"),
        outcome::err);
  }

  @Test
  void jvmOptionsAreRepeatableAndMayStartWithADash() {
    CommandLine cl = new CommandLine(new FloorgateLab());
    CommandLine.ParseResult parsed = cl.parseArgs("bench", "--alarm-probe", "--jvm-opt",
        "-XX:+UseZGC", "--jvm-opt=-Xmn24m");

    BenchCommand bench = (BenchCommand) parsed.subcommand().commandSpec().userObject();
    assertEquals(java.util.List.of("-XX:+UseZGC", "-Xmn24m"), bench.jvmOpts);
  }
}
