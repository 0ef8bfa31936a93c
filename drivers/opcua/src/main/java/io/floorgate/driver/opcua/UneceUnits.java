package io.floorgate.driver.opcua;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Engineering units by their UN/CEFACT Recommendation 20 common code, as OPC UA servers send them
 * in {@code EUInformation.unitId} (OPC UA Part 8, 5.6.3). The code is the machine-readable part:
 * display names vary by vendor ({@code r/min}, {@code U/min}, {@code 1/min}), the code does not.
 * Each code maps to the symbol the gateway's configuration accepts for that unit.
 */
public final class UneceUnits {

  /** The namespace URI of UNECE units in {@code EUInformation.namespaceUri}. */
  static final String NAMESPACE = "http://www.opcfoundation.org/UA/units/un/cefact";

  private static final Map<String, String> SYMBOLS = Map.ofEntries(
      // temperature
      Map.entry("CEL", "°C"),
      Map.entry("FAH", "°F"),
      Map.entry("KEL", "K"),
      // rotation and frequency
      Map.entry("RPM", "rpm"),
      Map.entry("HTZ", "Hz"),
      Map.entry("KHZ", "kHz"),
      // pressure
      Map.entry("BAR", "bar"),
      Map.entry("MBR", "mbar"),
      Map.entry("PAL", "Pa"),
      Map.entry("HPA", "hPa"),
      Map.entry("KPA", "kPa"),
      Map.entry("MPA", "MPa"),
      // electrical
      Map.entry("AMP", "A"),
      Map.entry("4K", "mA"),
      Map.entry("VLT", "V"),
      Map.entry("KVT", "kV"),
      Map.entry("2Z", "mV"),
      Map.entry("WTT", "W"),
      Map.entry("KWT", "kW"),
      Map.entry("MAW", "MW"),
      Map.entry("WHR", "Wh"),
      Map.entry("KWH", "kWh"),
      // ratio
      Map.entry("P1", "%"),
      Map.entry("59", "ppm"),
      // length and speed
      Map.entry("MTR", "m"),
      Map.entry("CMT", "cm"),
      Map.entry("MMT", "mm"),
      Map.entry("KTM", "km"),
      Map.entry("MTS", "m/s"),
      Map.entry("C16", "mm/s"),
      // time
      Map.entry("SEC", "s"),
      Map.entry("C26", "ms"),
      Map.entry("MIN", "min"),
      Map.entry("HUR", "h"),
      // mass and mass flow
      Map.entry("KGM", "kg"),
      Map.entry("GRM", "g"),
      Map.entry("KGS", "kg/s"),
      Map.entry("E93", "kg/h"),
      // volume and volume flow
      Map.entry("LTR", "l"),
      Map.entry("MTQ", "m³"),
      Map.entry("MQH", "m³/h"),
      Map.entry("L2", "l/min"),
      // force, energy
      Map.entry("NEW", "N"),
      Map.entry("JOU", "J"),
      Map.entry("KJO", "kJ"));

  private UneceUnits() {}

  /**
   * The unit symbol for a UNECE unit id, or null for a code not listed here, for -1 ("no code")
   * and for 0.
   */
  public static @Nullable String symbol(int unitId) {
    String code = commonCode(unitId);
    return code == null ? null : SYMBOLS.get(code);
  }

  /**
   * The common code an id stands for ({@code CEL} for 4408652): its bytes, most significant
   * first, as ASCII (Part 8's conversion in reverse); null when they are not printable ASCII.
   */
  static @Nullable String commonCode(int unitId) {
    if (unitId <= 0) {
      return null;
    }
    StringBuilder code = new StringBuilder(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      int c = (unitId >>> shift) & 0xFF;
      if (c == 0 && code.length() == 0) {
        continue;
      }
      if (c < 0x21 || c > 0x7E) {
        return null;
      }
      code.append((char) c);
    }
    return code.toString();
  }

  /** The unit id of a common code (Part 8: each character shifted in, first is most significant). */
  static int unitId(String commonCode) {
    int id = 0;
    for (int i = 0; i < commonCode.length() && i < 4; i++) {
      id = id << 8 | commonCode.charAt(i);
    }
    return id;
  }

  /** Every mapped symbol, so the configuration side can prove it accepts each. */
  public static Map<String, String> symbolsByCode() {
    return SYMBOLS;
  }
}
