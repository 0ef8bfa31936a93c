package io.floorgate.alarm;

/** An operator command that cannot be carried out; {@link #reason()} says why, for the caller. */
public final class AlarmCommandException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a command was refused. */
  public enum Reason {
    /** No alarm has that id. */
    NOT_FOUND,
    /** The alarm's state does not allow it (e.g. acknowledging an acknowledged alarm). */
    CONFLICT,
    /** The command's arguments are wrong (e.g. a shelve longer than allowed). */
    INVALID,
    /** The engine's queue is full or it is stopping; try again. */
    UNAVAILABLE,
    /** The PLC refused, or could not be asked (a PLC condition's Acknowledge). */
    PLC_REFUSED
  }

  private final Reason reason;

  public AlarmCommandException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
