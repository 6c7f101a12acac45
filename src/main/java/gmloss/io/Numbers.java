package gmloss.io;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

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

  /**
   * A learning rate as every output writes it: four significant digits without trailing zeros,
   * in decimals from 0.001 on (0.1, 0.09049) and as a power of ten below (2.467e-05).
   */
  public static String rate(double value) {
    if (value == 0 || !Double.isFinite(value) || Math.abs(value) >= 1e-3) {
      return Double.isFinite(value) ? new BigDecimal(value).round(new MathContext(4))
          .stripTrailingZeros().toPlainString() : Double.toString(value);
    }
    String[] parts = String.format(Locale.ROOT, "%.3e", value).split("e");
    String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "")
        .replaceAll("\\.$", "") : parts[0];
    return mantissa + "e" + parts[1];
  }
}
