package io.floorgate.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Normalization: samples processed, and errors by kind. */
final class PipelineMeters implements MeterBinder {

  private final PipelineCounts pipeline;

  PipelineMeters(PipelineCounts pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public void bindTo(MeterRegistry r) {
    FunctionCounter.builder("floorgate.normalize.samples", pipeline, PipelineCounts::processed)
        .description("samples normalized").register(r);
    FunctionCounter.builder("floorgate.normalize.errors", pipeline, PipelineCounts::dropped)
        .tag("kind", "queue-full").description("samples not normalized, by reason").register(r);
    FunctionCounter.builder("floorgate.normalize.errors", pipeline, PipelineCounts::failed)
        .tag("kind", "conversion").register(r);
    FunctionCounter.builder("floorgate.normalize.errors", pipeline, PipelineCounts::unknown)
        .tag("kind", "unknown-tag").register(r);
  }
}
