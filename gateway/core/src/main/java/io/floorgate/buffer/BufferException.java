package io.floorgate.buffer;

/**
 * The buffer cannot be used: its directory cannot be created or written, the disk is full, or
 * another gateway holds it. The message says which directory and what to do.
 */
public final class BufferException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BufferException(String message, Throwable cause) {
    super(message, cause);
  }

  BufferException(String message) {
    super(message);
  }
}
