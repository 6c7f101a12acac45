package gmloss.cli;

import gmloss.io.EnumNames;
import gmloss.train.Numbers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Option values after defaults and presets, with typed getters that reject bad values with a
 * message naming the option.
 */
final class ParsedOptions {

  private final Map<String, String> values;
  private final List<String> explicit;
  private final boolean help;

  ParsedOptions(Map<String, String> values, List<String> explicit, boolean help) {
    this.values = values;
    this.explicit = explicit;
    this.help = help;
  }

  /** Every option with a value, after defaults and presets; flags map to "true". */
  Map<String, String> values() {
    return java.util.Collections.unmodifiableMap(values);
  }

  boolean helpRequested() {
    return help;
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  boolean isExplicit(String name) {
    return explicit.contains(name);
  }

  Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name));
  }

  String string(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalStateException("option --" + name + " has no default");
    }
    return value;
  }

  int integer(String name, int min, int max) throws UsageException {
    String text = string(name);
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min || value > max) {
        throw new UsageException(String.format("--%s %s: must be between %d and %d", name, text,
            min, max));
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " " + text + ": not an integer");
    }
  }

  long longValue(String name) throws UsageException {
    String text = string(name);
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " " + text + ": not an integer");
    }
  }

  /** A finite number in [min, max]. */
  float number(String name, double min, double max) throws UsageException {
    String text = string(name);
    float value;
    try {
      value = Float.parseFloat(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " " + text + ": not a number");
    }
    if (!Float.isFinite(value) || value < min || value > max) {
      String range = max == Double.MAX_VALUE ? ">= " + Numbers.compact(min)
          : "between " + Numbers.compact(min) + " and " + Numbers.compact(max);
      throw new UsageException(String.format(Locale.ROOT, "--%s %s: must be %s", name, text,
          range));
    }
    return value;
  }

  /** A finite number > 0. */
  float positive(String name) throws UsageException {
    float value = number(name, 0, Double.MAX_VALUE);
    if (value == 0) {
      throw new UsageException("--" + name + " " + string(name) + ": must be > 0");
    }
    return value;
  }

  /** One of the constants of {@code type}, written as {@link EnumNames} writes them. */
  <E extends Enum<E>> E choice(String name, Class<E> type) throws UsageException {
    String text = string(name);
    return EnumNames.parse(type, text).orElseThrow(() -> new UsageException("--" + name + " "
        + text + ": expected one of " + EnumNames.choices(type)));
  }

  /** A value parsed by {@code parser}, whose IllegalArgumentException becomes a usage error. */
  <T> T parsed(String name, Function<String, T> parser) throws UsageException {
    try {
      return parser.apply(string(name));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + name + " " + e.getMessage());
    }
  }

  Optional<Path> path(String name) {
    return optional(name).map(Path::of);
  }

  /** A required option naming a directory that exists. */
  Path existingDirectory(String name) throws UsageException {
    Path path = path(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
    if (!Files.isDirectory(path)) {
      throw new UsageException("--" + name + " " + path + ": directory not found");
    }
    return path;
  }

  /** Comma-separated numbers; a number ending in % is that share of {@code total}. */
  double[] milestones(String name, int total) throws UsageException {
    String text = string(name);
    List<Double> result = new ArrayList<>();
    for (String part : text.split(",")) {
      String item = part.trim();
      if (item.isEmpty()) {
        continue;
      }
      try {
        double value = item.endsWith("%")
            ? Double.parseDouble(item.substring(0, item.length() - 1)) / 100.0 * total
            : Double.parseDouble(item);
        if (!(value >= 0)) {
          throw new NumberFormatException();
        }
        result.add(value);
      } catch (NumberFormatException e) {
        throw new UsageException("--" + name + " " + text + ": '" + item
            + "' is not an epoch or a percentage");
      }
    }
    return result.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }
}
