package io.floorgate.bench;

import io.floorgate.Floorgate;
import io.floorgate.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the process under measurement: the gateway ({@code gateway CONFIG}) or the
 * baseline pipe ({@code baseline ENDPOINT BROKER TOPIC_ROOT TAGS RATE [QOS [CONNECTIONS]]}), alone in its JVM so that
 * its CPU, memory and GC are its own. The bench talks to it over stdin/stdout, one line each way:
 * {@code stats} → {@code stats CPU_NANOS RSS_BYTES}; {@code final} → (after a full GC)
 * {@code final HEAP_BYTES GC_COUNT GC_MILLIS}; {@code alarm-lane} → {@code alarm-lane API_PORT
 * STAGES…} (the gateway's alarm-lane stage times, {@link StageHistograms}; port -1 without an API);
 * end of input → stop.
 */
public final class MeasuredMain {

  private MeasuredMain() {}

  public static void main(String[] args) throws Exception {
    Floorgate gateway = args[0].equals("gateway")
        ? Floorgate.start(ConfigLoader.load(Path.of(args[1]), System.getenv())) : null;
    AutoCloseable running = switch (args[0]) {
      case "gateway" -> gateway;
      case "baseline" -> BaselinePipe.start(args[1], args[2], args[3],
          Integer.parseInt(args[4]), Double.parseDouble(args[5]),
          args.length > 6 ? Integer.parseInt(args[6]) : 1, args.length > 7 ? Integer.parseInt(args[7]) : 1);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    };
    System.out.println("ready");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("stats")) {
        System.out.println("stats " + cpuNanos() + " " + rssBytes());
      } else if (line.equals("final")) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
          count += Math.max(0, gc.getCollectionCount());
          millis += Math.max(0, gc.getCollectionTime());
        }
        System.out.println("final " + heap + " " + count + " " + millis);
      } else if (line.equals("alarm-lane")) {
        System.out.println("alarm-lane " + alarmLane(gateway));
      }
      System.out.flush();
    }
    running.close();
    System.exit(0);
  }

  /** The API's port and the stage times, or {@code -1} where there is no API or no alarm. */
  private static String alarmLane(@Nullable Floorgate gateway) {
    if (gateway == null || gateway.api() == null) {
      return "-1";
    }
    Collection<Timer> timers = gateway.operations().registry().find("floorgate.alarms.latency")
        .timers();
    return (gateway.api().port() + " " + StageHistograms.encode(timers)).trim();
  }

  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Resident set size from /proc (Linux); -1 elsewhere. */
  private static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).trim().toLowerCase(Locale.ROOT).replace("kb", "").trim();
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
