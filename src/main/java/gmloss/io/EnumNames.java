package gmloss.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an enum constant is written outside Java, on the command line, as a dataset directory and
 * in JSON: its name in lower case with dashes ({@code FASHION_MNIST} is {@code fashion-mnist}).
 * The one mapping the project has.
 */
public final class EnumNames {

  private EnumNames() {}

  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant written {@code text} (any case, surrounding blanks ignored). */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
    String wanted = text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(type.getEnumConstants()).filter(c -> of(c).equals(wanted)).findFirst();
  }

  /** Every constant's name, joined by "|", in declaration order. */
  public static <E extends Enum<E>> String choices(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(EnumNames::of)
        .collect(Collectors.joining("|"));
  }
}
