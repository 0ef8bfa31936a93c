package io.floorgate.driver;

/**
 * The OPC UA security policies a connection can ask for, by their names in the specification
 * ({@code Basic256Sha256}, …). {@code Basic128Rsa15} and {@code Basic256} are deprecated by the
 * OPC Foundation and offered only for older PLCs.
 */
public enum SecurityPolicy {
  NONE("None"),
  BASIC128_RSA15("Basic128Rsa15"),
  BASIC256("Basic256"),
  BASIC256_SHA256("Basic256Sha256"),
  AES128_SHA256_RSAOAEP("Aes128_Sha256_RsaOaep"),
  AES256_SHA256_RSAPSS("Aes256_Sha256_RsaPss");

  private final String specName;

  SecurityPolicy(String specName) {
    this.specName = specName;
  }

  /** The name used in the specification, in config files and in endpoint URIs. */
  public String specName() {
    return specName;
  }
}
