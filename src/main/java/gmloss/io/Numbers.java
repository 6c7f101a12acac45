package gmloss.io;

import java.math.BigDecimal;

/** Numbers as people write them in option values and logs: 0.1, 5e-4 as 0.0005, 30. */
public final class Numbers {

  private Numbers() {}

  public static String compact(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return new BigDecimal(Float.toString((float) value)).stripTrailingZeros().toPlainString();
  }
}
