package io.floorgate.driver.opcua;

import io.floorgate.driver.LinkState;
import io.floorgate.driver.Sample;
import io.floorgate.driver.SampleSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** A sink for tests: keeps everything it is given, in order, from any thread. */
final class CollectingSink implements SampleSink {

  record LinkChange(String connection, LinkState state, String detail) {}

  private final LinkedBlockingQueue<Sample> samples = new LinkedBlockingQueue<>();
  private final List<LinkChange> linkChanges = new CopyOnWriteArrayList<>();

  @Override
  public void accept(Sample sample) {
    samples.add(sample);
  }

  @Override
  public void linkChanged(String connection, LinkState state, String detail) {
    linkChanges.add(new LinkChange(connection, state, detail));
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  List<Sample> samplesFor(String tag) {
    return samples.stream().filter(s -> s.tag().equals(tag)).toList();
  }

  List<LinkChange> linkChanges() {
    return List.copyOf(linkChanges);
  }

  List<LinkState> linkStates() {
    return linkChanges.stream().map(LinkChange::state).toList();
  }

  void clear() {
    samples.clear();
  }
}
