package io.floorgate.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state file's place is checked at start, so that state is not lost silently later. */
class StateFileTest {

  @TempDir Path dir;

  @Test
  void aDirectoryInPlaceOfTheFileIsRefusedNamingTheSetting() throws Exception {
    Path file = Files.createDirectories(dir.resolve("alarms.json"));

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> StateFile.requireUsable(file, "alarm state file", "alarms.stateFile"));

    assertEquals("alarm state file " + file + " is a directory: set alarms.stateFile to a file "
        + "path, or move the directory away", e.getMessage());
  }

  @Test
  void aFileInPlaceOfItsDirectoryIsRefused() throws Exception {
    Files.writeString(dir.resolve("state"), "not a directory");
    Path file = dir.resolve("state").resolve("alarms.json");

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> StateFile.requireUsable(file, "alarm state file", "alarms.stateFile"));

    assertTrue(e.getMessage().contains("is (or lies under) a file, not a directory"),
        e.getMessage());
  }

  @Test
  void aNewPlaceIsCreatedAndLeftEmpty() throws Exception {
    Path file = dir.resolve("state").resolve("alarms.json");

    StateFile.requireUsable(file, "alarm state file", "alarms.stateFile");

    assertTrue(Files.isDirectory(file.getParent()));
    assertFalse(Files.exists(file));
    try (var left = Files.list(file.getParent())) {
      assertEquals(0, left.count(), "the probe file is removed");
    }
  }
}
