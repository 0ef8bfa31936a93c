package io.floorgate.driver.modbus;

/**
 * What one read request may span on a device, and how far apart two tags may be and still share a
 * request.
 *
 * <p>Bridging a gap reads registers nobody asked for, which costs 2 bytes each and saves a whole
 * round trip; but on a device with holes in its map a bridged hole turns the whole request into
 * exception 2. Set {@code maxGap} to 0 for such a device.
 *
 * @param maxRegistersPerRead registers per read (FC 3/4), 1..125 (the protocol's limit; some
 *                            devices take fewer)
 * @param maxBitsPerRead      coils/discrete inputs per read (FC 1/2), 1..2000
 * @param maxGap              unrequested registers bridged between two tags, 0..124; bit tables
 *                            bridge 16 times as many bits (the same bytes on the wire)
 */
record ReadLimits(int maxRegistersPerRead, int maxBitsPerRead, int maxGap) {

  static final ReadLimits DEFAULT = new ReadLimits(125, 2000, 10);

  ReadLimits {
    if (maxRegistersPerRead < 1 || maxRegistersPerRead > 125) {
      throw new IllegalArgumentException("maxRegistersPerRead " + maxRegistersPerRead
          + " is outside 1..125 (the Modbus limit for one read)");
    }
    if (maxBitsPerRead < 1 || maxBitsPerRead > 2000) {
      throw new IllegalArgumentException("maxBitsPerRead " + maxBitsPerRead
          + " is outside 1..2000 (the Modbus limit for one read)");
    }
    if (maxGap < 0 || maxGap >= maxRegistersPerRead) {
      throw new IllegalArgumentException("maxGap " + maxGap + " must be at least 0 and below"
          + " maxRegistersPerRead (" + maxRegistersPerRead + ")");
    }
  }

  /** Registers or bits one read of {@code table} may span. */
  int maxSpan(Table table) {
    return table.isBits() ? maxBitsPerRead : maxRegistersPerRead;
  }

  /** Unrequested registers or bits one read of {@code table} may bridge. */
  int maxGap(Table table) {
    return table.isBits() ? maxGap * 16 : maxGap;
  }
}
