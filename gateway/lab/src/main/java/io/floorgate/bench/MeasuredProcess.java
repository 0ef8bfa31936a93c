package io.floorgate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The bench's side of {@link MeasuredMain}: starts it as a child JVM and asks it for figures. */
final class MeasuredProcess implements AutoCloseable {

  /** CPU time and resident memory at one moment. */
  record Stats(long cpuNanos, long rssBytes) {}

  /** Heap after a full GC, and GC totals since start. */
  record Final(long heapBytes, long gcCount, long gcMillis) {}

  /** Enough for an exception and every config error of a typical mistake. */
  private static final int LOG_LINES_SHOWN = 8;

  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final long startedNanos;

  private MeasuredProcess(Process process, long startedNanos) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  /** Starts {@code MeasuredMain args…} with this JVM's classpath; its log goes to {@code log}. */
  static MeasuredProcess start(List<String> jvmOptions, List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MeasuredMain.class.getName());
    command.addAll(args);
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
        .start();
    MeasuredProcess child = new MeasuredProcess(process, started);
    if (child.answer("ready") == null) {
      String why = why(process, log);
      process.destroyForcibly();
      throw new IOException("the measured process did not start:\n" + why
          + "\n(the whole log: " + log + ")");
    }
    return child;
  }

  /**
   * The last lines of a failed child's log without stack frames: the exception and its causes,
   * which say why (a refused config, for one).
   */
  private static String why(Process process, Path log) {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      List<String> lines = Files.readAllLines(log).stream()
          .filter(line -> !line.startsWith("\tat ") && !line.startsWith("\t..."))
          .toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size()));
    } catch (IOException e) {
      return "(its log could not be read: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  long startedNanos() {
    return startedNanos;
  }

  Stats stats() throws IOException {
    String[] f = ask("stats");
    return new Stats(Long.parseLong(f[1]), Long.parseLong(f[2]));
  }

  Final finalFigures() throws IOException {
    String[] f = ask("final");
    return new Final(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
  }

  /** The gateway's API port (-1 without one) and its alarm-lane stage times now. */
  record AlarmLane(int apiPort, StageHistograms stages) {}

  AlarmLane alarmLane() throws IOException {
    String[] f = ask("alarm-lane");
    return new AlarmLane(Integer.parseInt(f[1]),
        StageHistograms.parse(List.of(f).subList(Math.min(2, f.length), f.length)));
  }

  private String[] ask(String command) throws IOException {
    in.write(command + "\n");
    in.flush();
    String line = answer(command + " ");
    if (line == null) {
      throw new IOException("the measured process ended without answering " + command);
    }
    return line.split(" ");
  }

  /**
   * The next line starting with {@code prefix}. Other lines are skipped: a logging configuration
   * that writes to stdout (as in tests) must not break the exchange.
   */
  private @Nullable String answer(String prefix) throws IOException {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }

  /** Closes its stdin (it stops and drains), waiting at most 30 s before killing it. */
  @Override
  public void close() throws IOException, InterruptedException {
    in.close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
