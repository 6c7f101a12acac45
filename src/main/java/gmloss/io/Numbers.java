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

  /** "1 epoch", "2 epochs": a count with its noun, plural when it is not one. */
  public static String counted(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** "1 epoch", "0.5 epochs": a count written compactly with its noun. */
  public static String counted(double count, String noun) {
    return compact(count) + " " + noun + (count == 1 ? "" : "s");
  }
}
