package io.floorgate.cli;

import io.floorgate.config.ConfigException;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Loads a config file for a command, printing every error the way {@code check} does. */
final class ConfigFiles {

  private ConfigFiles() {}

  /** The validated config, or null after printing what is wrong with it. */
  static @Nullable GatewayConfig load(Path file, Map<String, String> env, PrintWriter err) {
    if (Files.isDirectory(file)) {
      err.println(file + " is a directory: give the YAML file in it with --config, e.g. "
          + example(file));
      err.flush();
      return null;
    }
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

  /** A YAML file in {@code dir}, or the shipped plant's file name when it holds none. */
  private static Path example(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
          .filter(Files::isRegularFile).sorted().findFirst()
          .orElse(dir.resolve("isohara.yaml"));
    } catch (IOException | UncheckedIOException e) {
      return dir.resolve("isohara.yaml");
    }
  }
}
