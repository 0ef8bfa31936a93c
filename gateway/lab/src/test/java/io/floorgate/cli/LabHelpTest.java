package io.floorgate.cli;

import static io.floorgate.cli.BenchCommandTest.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.cli.BenchCommandTest.Outcome;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code floorgate-lab <command> --help} prints the command's help and exits 0; nothing starts. */
class LabHelpTest {

  static Stream<String> commands() {
    return new CommandLine(new FloorgateLab()).getSubcommands().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandPrintsItsHelpAndExitsZero(String command) {
    for (String flag : new String[] {"--help", "-h"}) {
      Outcome outcome = execute(command, flag);

      assertEquals(0, outcome.exitCode(), command + " " + flag + ":\n" + outcome.err());
      assertTrue(outcome.out().contains("Usage: floorgate-lab " + command + " "), outcome.out());
      assertEquals("", outcome.err());
    }
  }
}
