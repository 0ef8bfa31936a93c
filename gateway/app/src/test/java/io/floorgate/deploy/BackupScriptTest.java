package io.floorgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/floorgate-backup moves what must survive a box replacement from one root to another:
 * the gateway's own certificate and key, trusted and pinned PLCs, the queues, the Sparkplug bdSeq,
 * the alarm state, the config and env file; not the class-data-sharing archive.
 */
@Timeout(60)
class BackupScriptTest {

  private static final List<String> KEPT = List.of(
      "etc/floorgate/floorgate.yaml",
      "etc/floorgate/floorgate.env",
      "var/lib/floorgate/pki/own/floorgate.p12",
      "var/lib/floorgate/pki/own/floorgate.der",
      "var/lib/floorgate/pki/trusted/certs/rhk01.der",
      "var/lib/floorgate/pki/pinned/rhk01.sha1",
      "var/lib/floorgate/data/buffer/floorgate-buffer.mv.db",
      "var/lib/floorgate/data/buffer-sparkplug/floorgate-buffer.mv.db",
      "var/lib/floorgate/data/buffer-sparkplug.bdseq",
      "var/lib/floorgate/floorgate-alarms.json");

  @Test
  void aRestoredBoxHasTheOldBoxsCertificatesQueuesAndAlarmState(@TempDir Path dir)
      throws Exception {
    Path oldBox = dir.resolve("old");
    for (String file : KEPT) {
      write(oldBox.resolve(file), "content of " + file);
    }
    write(oldBox.resolve("var/lib/floorgate/cds/floorgate-1-2.jsa"), "archive");
    Files.setPosixFilePermissions(oldBox.resolve("var/lib/floorgate/pki/own/floorgate.p12"),
        PosixFilePermissions.fromString("rw-------"));
    Path archive = dir.resolve("floorgate.tar.gz");

    Run create = backup(oldBox, "create", archive.toString());
    assertEquals(0, create.exitCode(), create.output());
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(archive)), "the archive holds secrets: private");

    Path newBox = dir.resolve("new");
    Files.createDirectories(newBox);
    Run restore = backup(newBox, "restore", archive.toString());
    assertEquals(0, restore.exitCode(), restore.output());

    for (String file : KEPT) {
      assertEquals("content of " + file, Files.readString(newBox.resolve(file)), file);
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        newBox.resolve("var/lib/floorgate/pki/own/floorgate.p12"))), "the key stays private");
    assertFalse(Files.exists(newBox.resolve("var/lib/floorgate/cds")),
        "the CDS archive is rewritten by the next start, not restored");
  }

  @Test
  void restoreRefusesAnArchiveWithFilesOutsideFloorgatesDirectories(@TempDir Path dir)
      throws Exception {
    write(dir.resolve("src/etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
    Path archive = dir.resolve("other.tar.gz");
    Process tar = new ProcessBuilder("tar", "-C", dir.resolve("src").toString(), "-czf",
        archive.toString(), "etc/passwd").inheritIO().start();
    assertTrue(tar.waitFor(30, TimeUnit.SECONDS) && tar.exitValue() == 0);
    Path box = Files.createDirectories(dir.resolve("box"));

    Run restore = backup(box, "restore", archive.toString());

    assertEquals(1, restore.exitCode(), restore.output());
    assertTrue(restore.output().contains("was not made by floorgate-backup create"),
        restore.output());
    assertFalse(Files.exists(box.resolve("etc/passwd")));
  }

  @Test
  void createNamesWhatIsMissingOnABoxWithoutFloorgate(@TempDir Path dir) throws Exception {
    Run create = backup(dir, "create", dir.resolve("x.tar.gz").toString());

    assertEquals(1, create.exitCode(), create.output());
    assertTrue(create.output().contains("var/lib/floorgate does not exist"), create.output());
  }

  record Run(int exitCode, String output) {}

  private static Run backup(Path root, String... args) throws Exception {
    List<String> line = new ArrayList<>(List.of("sh",
        DeployFilesTest.DEPLOY.resolve("floorgate-backup").toString()));
    line.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
    // No service to ask systemd about in a temporary root.
    builder.environment().putAll(Map.of("FLOORGATE_ROOT", root.toString(),
        "FLOORGATE_SERVICE", ""));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "floorgate-backup ended");
    return new Run(process.exitValue(), output);
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
