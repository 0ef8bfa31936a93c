package io.floorgate.sparkplug;

import java.util.concurrent.atomic.LongAdder;

/** What the node has done and dropped; written on several threads, read by anyone. */
final class NodeCounters {

  /** Messages handed to the broker connection (births, deaths, DATA). */
  final LongAdder messages = new LongAdder();
  final LongAdder dataMessages = new LongAdder();
  final LongAdder dataMetrics = new LongAdder();
  /** Sessions that got as far as NBIRTH. */
  final LongAdder sessions = new LongAdder();
  /** Readings dropped because the node's queue was full. */
  final LongAdder readingsDropped = new LongAdder();
  /** Readings for tags that are not metrics (cannot happen with one config; counted anyway). */
  final LongAdder unknownReadings = new LongAdder();
  final LongAdder birthsTooLarge = new LongAdder();
  final LongAdder dataTooLarge = new LongAdder();
  final LongAdder rebirthRequests = new LongAdder();
  final LongAdder staleStates = new LongAdder();
  /** Command metrics refused: not writable, wrong type, out of range, unknown, PLC away. */
  final LongAdder commandsRefused = new LongAdder();
  final LongAdder commandsDropped = new LongAdder();
  final LongAdder writesDone = new LongAdder();
  final LongAdder nodeBirths = new LongAdder();
  final LongAdder deviceBirths = new LongAdder();
  /** Sessions that ended after their NBIRTH: by our NDEATH, or the broker's Will. */
  final LongAdder nodeDeaths = new LongAdder();
  final LongAdder deviceDeaths = new LongAdder();
  /** DCMD metrics that passed the checks and were written (or tried). */
  final LongAdder commandsAccepted = new LongAdder();
  /** The seq of the last message published; -1 before the first. */
  volatile int lastSeq = -1;
  final LongAdder writesFailed = new LongAdder();
}
