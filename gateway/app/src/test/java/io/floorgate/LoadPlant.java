package io.floorgate;

/** A valid configuration of many load tags on one PLC, as the bench and the memory runs write it. */
public final class LoadPlant {

  private LoadPlant() {}

  /** The YAML of {@code tags} tags on one (unreachable) PLC, UNS only. */
  public static String yaml(int tags) {
    StringBuilder yaml = new StringBuilder("""
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883 }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:1/rhk01
            area: calcination
            groups:
              - name: load
                tags:
        """);
    for (int i = 0; i < tags; i++) {
      yaml.append(String.format("          - { path: rhk01/load/v%05d, node: 'ns=2;s=V%05d' }%n",
          i, i));
    }
    return yaml.toString();
  }
}
