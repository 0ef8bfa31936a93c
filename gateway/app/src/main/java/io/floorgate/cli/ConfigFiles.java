package io.floorgate.cli;

import io.floorgate.config.ConfigException;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Loads a config file for a command, printing every error the way {@code check} does. */
final class ConfigFiles {

  private ConfigFiles() {}

  /** The validated config, or null after printing what is wrong with it. */
  static @Nullable GatewayConfig load(Path file, Map<String, String> env, PrintWriter err) {
    if (!Files.isRegularFile(file)) {
      err.println(file + ": no such file; pass the path of a Floorgate YAML file with --config "
          + "(examples in config/)");
      err.flush();
      return null;
    }
    try {
      ConfigLoader.Checked checked = ConfigLoader.check(file, env);
      checked.warningLines().forEach(err::println);
      err.flush();
      return checked.config();
    } catch (ConfigException e) {
      err.println(e.report());
      err.flush();
      return null;
    }
  }
}
