package io.floorgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code <command> --help} prints the command's help and exits 0, for every command of both
 * applications ({@code floorgate} and {@code floorgate-lab}) — also those with required options
 * or arguments; nothing starts.
 */
class CliHelpTest {

  static Stream<Arguments> commands() {
    Stream<Supplier<CommandLine>> apps = Stream.of(
        () -> new CommandLine(new FloorgateCli()), () -> new CommandLine(new FloorgateLab()));
    return apps.flatMap(app -> app.get().getSubcommands().keySet().stream()
        .map(command -> Arguments.of(app, command)));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("commands")
  void everyCommandPrintsItsHelpAndExitsZero(Supplier<CommandLine> app, String command) {
    for (String flag : new String[] {"--help", "-h"}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = app.get();
      int code = cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
          .execute(command, flag);

      assertEquals(0, code, command + " " + flag + ":\n" + err);
      assertTrue(out.toString().contains("Usage: " + cli.getCommandName() + " " + command + " "),
          out.toString());
      assertEquals("", err.toString(), "nothing on stderr (no 'Missing required option')");
    }
  }
}
