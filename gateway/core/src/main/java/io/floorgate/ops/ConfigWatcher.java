package io.floorgate.ops;

import io.floorgate.config.ConfigError;
import io.floorgate.config.ConfigException;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the configuration file when it changes on disk or the process gets SIGHUP. An edit that
 * does not validate, or needs a restart, is refused: every error is logged with its line and
 * counted ({@code floorgate.config.reloads{result=refused}}, {@code floorgate.config.reload.errors}),
 * and the gateway keeps running on the configuration it has.
 *
 * <p>Editors save in several steps (truncate, write; or write a temporary file and rename), so a
 * change is read once the file has been quiet for {@link #SETTLE_MILLIS}.
 */
public final class ConfigWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
  static final long SETTLE_MILLIS = 300;

  private final Path file;
  private final Map<String, String> env;
  private final Function<GatewayConfig, List<String>> apply;
  private final Operations ops;
  private final WatchService watch;
  private final Thread thread;
  private final Object signal = new Object();
  private boolean hangup;
  private volatile boolean running = true;

  /**
   * @param apply applies a valid configuration and says what it did; throws
   *     {@link IllegalStateException} when it cannot be applied without a restart
   */
  public ConfigWatcher(Path file, Map<String, String> env,
      Function<GatewayConfig, List<String>> apply, Operations ops) throws IOException {
    this.file = file.toAbsolutePath();
    this.env = env;
    this.apply = apply;
    this.ops = ops;
    ops.configFile(this.file);
    this.watch = FileSystems.getDefault().newWatchService();
    this.file.getParent().register(watch, StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_CREATE);
    this.thread = new Thread(this::run, "floorgate-config-watch");
    this.thread.setDaemon(true);
  }

  /** Starts watching; with {@code onSighup}, a SIGHUP reloads too. */
  public ConfigWatcher start(boolean onSighup) {
    if (onSighup) {
      Hangup.install(this::hangup);
    }
    thread.start();
    log.info("Watching {} for changes (and SIGHUP): a valid edit is applied while running", file);
    return this;
  }

  /** Reloads now, as SIGHUP does. */
  public void hangup() {
    synchronized (signal) {
      hangup = true;
      signal.notifyAll();
    }
  }

  private void run() {
    while (running) {
      try {
        boolean changed = awaitChange();
        if (changed && running) {
          reload();
        }
      } catch (ClosedWatchServiceException | InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("Configuration reload failed: {}; still running on the previous configuration",
            e.toString(), e);
      }
    }
  }

  /** True when the file changed (and then settled) or SIGHUP came. */
  private boolean awaitChange() throws InterruptedException {
    WatchKey key = watch.poll(200, TimeUnit.MILLISECONDS);
    boolean changed = false;
    while (key != null) {
      changed |= key.pollEvents().stream()
          .anyMatch(e -> file.getFileName().equals(e.context()));
      key.reset();
      key = watch.poll(changed ? SETTLE_MILLIS : 0, TimeUnit.MILLISECONDS);
    }
    synchronized (signal) {
      if (hangup) {
        hangup = false;
        return true;
      }
    }
    return changed;
  }

  /** Reads, validates and applies the file once. */
  void reload() {
    GatewayConfig next;
    try {
      next = ConfigLoader.load(file, env);
    } catch (ConfigException e) {
      for (ConfigError error : e.errors()) {
        log.error("Configuration edit refused: {}", error.format());
      }
      log.error("Configuration edit refused: {} error(s) in {}; still running on the previous "
          + "configuration — fix them (floorgate check --config {} lists them)", e.errors().size(),
          file, file);
      ops.reloadRefused(e.errors().stream().map(ConfigError::format).toList());
      return;
    }
    try {
      List<String> done = apply.apply(next);
      ops.reloadApplied();
      log.info("Configuration {} reloaded: {}", file, String.join("; ", done));
    } catch (IllegalStateException e) {
      log.error("Configuration edit refused: {}", e.getMessage());
      ops.reloadRefused(List.of(String.valueOf(e.getMessage())));
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      watch.close();
    } catch (IOException e) {
      log.debug("closing the config watch: {}", e.toString());
    }
    thread.interrupt();
  }
}
