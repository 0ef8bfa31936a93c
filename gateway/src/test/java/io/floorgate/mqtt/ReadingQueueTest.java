package io.floorgate.mqtt;

import static io.floorgate.mqtt.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floorgate.reading.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReadingQueueTest {

  private static final String TAG = "jxnmm/isohara/mixing/mx01/speed";

  @Test
  void fullQueueDropsTheOldestAndKeepsTheNewest() throws InterruptedException {
    ReadingQueue queue = new ReadingQueue(3);

    for (int i = 1; i <= 5; i++) {
      queue.offer(reading(TAG, (long) i));
    }

    assertEquals(2, queue.dropped());
    assertEquals(List.of(3L, 4L, 5L), drain(queue));
  }

  @Test
  void readingReturnedToAFullQueueIsTheOneDropped() throws InterruptedException {
    ReadingQueue queue = new ReadingQueue(2);
    queue.offer(reading(TAG, 1L));
    Reading taken = queue.poll(0, TimeUnit.MILLISECONDS);
    queue.offer(reading(TAG, 2L));
    queue.offer(reading(TAG, 3L));

    queue.returnToHead(taken);

    assertEquals(1, queue.dropped());
    assertEquals(List.of(2L, 3L), drain(queue));
  }

  @Test
  void returnedReadingGoesFirst() throws InterruptedException {
    ReadingQueue queue = new ReadingQueue(5);
    queue.offer(reading(TAG, 1L));
    queue.offer(reading(TAG, 2L));
    Reading taken = queue.poll(0, TimeUnit.MILLISECONDS);

    queue.returnToHead(taken);

    assertEquals(List.of(1L, 2L), drain(queue));
  }

  @Test
  @Timeout(30)
  void dropCountIsExactUnderConcurrentProducers() throws Exception {
    ReadingQueue queue = new ReadingQueue(100);
    ExecutorService producers = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      done.add(producers.submit(() -> {
        for (int i = 0; i < 25_000; i++) {
          queue.offer(reading(TAG, (long) i));
        }
      }));
    }
    for (Future<?> f : done) {
      f.get(20, TimeUnit.SECONDS);
    }
    producers.shutdown();

    assertEquals(100, queue.size());
    assertEquals(100_000 - 100, queue.dropped());
  }

  private static List<Object> drain(ReadingQueue queue) throws InterruptedException {
    List<Object> values = new ArrayList<>();
    Reading r;
    while ((r = queue.poll(0, TimeUnit.MILLISECONDS)) != null) {
      values.add(r.value());
    }
    assertNull(queue.poll(0, TimeUnit.MILLISECONDS));
    return values;
  }
}
