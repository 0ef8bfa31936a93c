package io.floorgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code bench} as an engineer first meets it: its help and its refusals (nothing is started). */
class BenchCommandTest {

  @Test
  void helpDocumentsEveryScenarioFlag() {
    CheckCommandTest.Outcome outcome = CheckCommandTest.execute("bench", "--help");

    assertEquals(0, outcome.exitCode(), outcome::err);
    for (String flag : new String[] {"--format=uns|uns-batched|sparkplug", "--no-buffer",
        "--alarm-probe", "--no-baseline"}) {
      assertTrue(outcome.out().contains(flag), () -> flag + " missing from:\n" + outcome.out());
    }
  }

  @Test
  void unknownFormatIsAUsageErrorThatNamesTheFormats() {
    CheckCommandTest.Outcome outcome = CheckCommandTest.execute("bench", "--format", "json");

    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("--format must be uns, uns-batched or sparkplug, got json"),
        outcome::err);
  }
}
