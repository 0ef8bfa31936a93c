package io.floorgate.lanes;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.Floorgate;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.GatewayConfig;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway whose output cannot start does not start at all, and leaves nothing open behind it:
 * the service manager's next attempt finds the UNS buffer free.
 */
@Timeout(60)
class StartFailureTest {

  @TempDir Path dir;

  @Test
  void anOutputThatCannotStartFailsTheStartNamingItsBufferAndReleasesTheUnsBuffer()
      throws Exception {
    // The Sparkplug buffer lives in <buffer.directory>-sparkplug. A regular file there stops it
    // even as root, which file permissions would not.
    Path sparkplugBuffer = Path.of(TestPlant.buffer(dir) + "-sparkplug");
    Files.writeString(sparkplugBuffer, "not a directory");
    // Nothing listens on these ports: the gateway must not get as far as connecting.
    int nowhere = MosquittoProcess.freePort();
    GatewayConfig config = TestPlant.lanes(nowhere, nowhere, dir, """
        mqtt: { url: 'tcp://127.0.0.1:%d', clientId: lanes }
        sparkplug: { enabled: true }
        """.formatted(nowhere));

    RuntimeException failure = assertThrows(RuntimeException.class,
        () -> Floorgate.start(config).close());

    assertTrue(String.valueOf(failure.getMessage()).contains(sparkplugBuffer.toString()),
        () -> "the message names " + sparkplugBuffer + ": " + failure);
    assertDoesNotThrow(() -> DiskBuffer.open(config.buffer(), Clock.systemUTC()).close(),
        "the UNS buffer opens again: the failed start closed it");
  }
}
