package io.floorgate.ops;

/** What operations read of the normalization pipeline. */
public interface PipelineCounts {

  /** Samples normalized. */
  long processed();

  /** Samples dropped because the normalization queue was full. */
  long dropped();

  /** Samples whose normalization threw (a value the tag's config cannot convert). */
  long failed();

  /** Samples of tags the configuration does not know. */
  long unknown();
}
