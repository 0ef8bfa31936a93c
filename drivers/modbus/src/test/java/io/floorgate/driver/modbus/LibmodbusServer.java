package io.floorgate.driver.modbus;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code src/test/c/modbus-server.c} compiled with {@code cc} into {@code target/} (once per run)
 * and run as a process: a Modbus server nobody here wrote. Tests are skipped, with the fix in the
 * message, where cc or libmodbus is missing.
 */
final class LibmodbusServer implements AutoCloseable {

  private static final Path SOURCE = Path.of("src", "test", "c", "modbus-server.c");
  private static final Path BINARY = Path.of("target", "modbus-server");
  private static final List<String> HEADER_DIRS = List.of("/usr/include/modbus",
      "/usr/local/include/modbus");
  private static boolean compiled;

  private final Process process;
  private final int port;

  private LibmodbusServer(int requestedPort) throws Exception {
    Path stderr = Path.of("target", "modbus-server.stderr");
    process = new ProcessBuilder(BINARY.toString(), Integer.toString(requestedPort))
        .redirectError(stderr.toFile())
        .start();
    var stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.US_ASCII));
    String line;
    try {
      line = CompletableFuture.supplyAsync(() -> {
        try {
          return stdout.readLine();
        } catch (IOException e) {
          return null;
        }
      }).get(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      line = null;
    }
    if (line == null || !line.startsWith("listening ")) {
      process.destroyForcibly();
      fail("libmodbus server did not start: " + Files.readString(stderr));
    }
    port = Integer.parseInt(line.substring("listening ".length()).trim());
  }

  /** On a port the OS picks. */
  static LibmodbusServer start() throws Exception {
    compileOnce();
    return new LibmodbusServer(0);
  }

  /** On {@code port} again, for a device that comes back. */
  static LibmodbusServer start(int port) throws Exception {
    compileOnce();
    return new LibmodbusServer(port);
  }

  int port() {
    return port;
  }

  /** SIGTERM, as a device that dies: the OS closes its sockets. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Skips the test on a developer's machine without the C toolchain, but fails it in CI
   * ({@code CI} set), where .ci/run installs it: an interop test must not pass by not running.
   */
  private static void required(boolean present, String what) {
    if (System.getenv("CI") != null && !present) {
      throw new AssertionError(what + " (CI: .ci/run should have installed it)");
    }
    assumeTrue(present, what);
  }

  private static synchronized void compileOnce() throws Exception {
    if (compiled) {
      return;
    }
    required(onPath("cc"), "cc is not on PATH: install a C compiler (apt-get install -y gcc)"
        + " to run the libmodbus interop tests");
    List<String> command = new ArrayList<>(List.of("cc", "-Wall", "-Wextra", "-O2"));
    List<String> flags = pkgConfig();
    if (flags.isEmpty()) {
      String dir = HEADER_DIRS.stream().filter(d -> Files.exists(Path.of(d, "modbus.h")))
          .findFirst().orElse(null);
      required(dir != null, "libmodbus headers not found in " + HEADER_DIRS
          + ": apt-get install -y libmodbus-dev to run the libmodbus interop tests");
      flags = List.of("-I" + dir, "-lmodbus");
    }
    command.addAll(List.of("-o", BINARY.toString(), SOURCE.toString()));
    command.addAll(flags); // libraries after the source, or the linker drops them
    Files.createDirectories(BINARY.getParent());
    Process cc = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!cc.waitFor(60, TimeUnit.SECONDS) || cc.exitValue() != 0) {
      fail(String.join(" ", command) + " failed:\n" + output);
    }
    compiled = true;
  }

  /** {@code pkg-config --cflags --libs libmodbus}, or nothing if pkg-config does not know it. */
  private static List<String> pkgConfig() throws Exception {
    if (!onPath("pkg-config")) {
      return List.of();
    }
    Process p = new ProcessBuilder("pkg-config", "--cflags", "--libs", "libmodbus")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      return List.of();
    }
    return Arrays.stream(out.split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }
}
