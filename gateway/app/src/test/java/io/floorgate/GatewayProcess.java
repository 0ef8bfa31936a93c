package io.floorgate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code floorgate run --config FILE} as a process of its own (the test's classpath, a JVM of its
 * own), so that a test can kill it as hard as a power cut of the JVM would: {@code kill -9}.
 */
public final class GatewayProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private GatewayProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static GatewayProcess run(Path config, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx256m",
        "-cp", System.getProperty("java.class.path"),
        "io.floorgate.cli.FloorgateCli", "run", "--config", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    return new GatewayProcess(process, log);
  }

  /**
   * Waits for the process to end by itself.
   *
   * @return its exit code, or null when it still runs after {@code timeout}
   */
  public Integer exitCode(java.time.Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** SIGKILL: no shutdown hook, no final commit, no clean close of anything. */
  public void killNine() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        killNine();
      }
    }
  }
}
