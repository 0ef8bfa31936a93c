package io.floorgate.cli;

import io.floorgate.ops.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code floorgate -V}: the version and commit the jar was built from (BuildInfo). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {BuildInfo.current().describe()};
  }
}
