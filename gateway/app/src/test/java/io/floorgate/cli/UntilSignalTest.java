package io.floorgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping closes in reverse order of start, and a part that hangs cannot hold the exit. */
class UntilSignalTest {

  @Test
  void partsCloseInReverseOrderOfStart() {
    List<String> closed = new CopyOnWriteArrayList<>();
    UntilSignal lifetime = new UntilSignal(Duration.ofSeconds(5));
    lifetime.closeOnExit(() -> closed.add("outputs"));
    lifetime.closeOnExit(() -> closed.add("watcher"));

    lifetime.closeAll();

    assertEquals(List.of("watcher", "outputs"), closed);
  }

  @Test
  @Timeout(10)
  void aPartThatHangsOnCloseDoesNotHoldTheExitPastTheLimit() {
    CountDownLatch never = new CountDownLatch(1);
    UntilSignal lifetime = new UntilSignal(Duration.ofMillis(500));
    lifetime.closeOnExit(never::await);
    long started = System.nanoTime();

    lifetime.closeAll();

    long millis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(millis >= 400 && millis < 5_000, millis + " ms");
  }
}
