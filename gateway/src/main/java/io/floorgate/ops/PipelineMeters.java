package io.floorgate.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Normalization: samples processed, and errors by kind. */
final class PipelineMeters implements MeterBinder {

  private final GatewaySource gateway;

  PipelineMeters(GatewaySource gateway) {
    this.gateway = gateway;
  }

  @Override
  public void bindTo(MeterRegistry r) {
    FunctionCounter.builder("floorgate.normalize.samples", gateway,
        GatewaySource::samplesProcessed).description("samples normalized").register(r);
    FunctionCounter.builder("floorgate.normalize.errors", gateway, GatewaySource::samplesDropped)
        .tag("kind", "queue-full").description("samples not normalized, by reason").register(r);
    FunctionCounter.builder("floorgate.normalize.errors", gateway, GatewaySource::samplesFailed)
        .tag("kind", "conversion").register(r);
    FunctionCounter.builder("floorgate.normalize.errors", gateway, GatewaySource::samplesUnknown)
        .tag("kind", "unknown-tag").register(r);
  }
}
