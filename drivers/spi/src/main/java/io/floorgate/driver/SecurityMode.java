package io.floorgate.driver;

/** OPC UA message security mode: nothing, signed, or signed and encrypted. */
public enum SecurityMode {
  NONE("None"),
  SIGN("Sign"),
  SIGN_AND_ENCRYPT("SignAndEncrypt");

  private final String specName;

  SecurityMode(String specName) {
    this.specName = specName;
  }

  /** The name used in the specification and in config files. */
  public String specName() {
    return specName;
  }
}
