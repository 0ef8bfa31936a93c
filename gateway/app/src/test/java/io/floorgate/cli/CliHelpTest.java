package io.floorgate.cli;

import static io.floorgate.cli.CheckCommandTest.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.cli.CheckCommandTest.Outcome;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code floorgate <command> --help} prints the command's help and exits 0, for every command. */
class CliHelpTest {

  static Stream<String> commands() {
    return new CommandLine(new FloorgateCli()).getSubcommands().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandPrintsItsHelpAndExitsZero(String command) {
    for (String flag : new String[] {"--help", "-h"}) {
      Outcome outcome = execute(command, flag);

      assertEquals(0, outcome.exitCode(), command + " " + flag + ":\n" + outcome.err());
      assertTrue(outcome.out().contains("Usage: floorgate " + command + " "), outcome.out());
      assertEquals("", outcome.err(), "nothing on stderr (no 'Missing required option')");
    }
  }
}
