package gmloss.options;

import gmloss.io.EnumNames;
import gmloss.io.Numbers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Option values after defaults and presets, with typed getters that reject bad values with a
 * message naming the option.
 */
public final class OptionValues {

  private final Map<String, String> values;
  private final List<String> explicit;

  /**
   * @param values every option with a value, after defaults and presets; flags map to "true"
   * @param explicit the options the request gave itself
   */
  public OptionValues(Map<String, String> values, List<String> explicit) {
    this.values = new LinkedHashMap<>(values);
    this.explicit = List.copyOf(explicit);
  }

  /** Every option with a value, after defaults and presets; flags map to "true". */
  public Map<String, String> values() {
    return Collections.unmodifiableMap(values);
  }

  /** The value of {@code setting}, which must have one (a default, or given). */
  public <T> T get(Setting<T> setting) throws OptionException {
    return setting.read(this);
  }

  /** The value of {@code setting}; empty when it has no default and was not given. */
  public <T> Optional<T> optional(Setting<T> setting) throws OptionException {
    return values.containsKey(setting.name()) ? Optional.of(setting.read(this))
        : Optional.empty();
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }

  public boolean isExplicit(String name) {
    return explicit.contains(name);
  }

  public Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public String string(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalStateException("option --" + name + " has no default");
    }
    return value;
  }

  public int integer(String name, int min, int max) throws OptionException {
    String text = string(name);
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min || value > max) {
        throw new OptionException(String.format("--%s %s: must be between %d and %d", name, text,
            min, max));
      }
      return value;
    } catch (NumberFormatException e) {
      throw new OptionException("--" + name + " " + text + ": " + (isWholeNumber(text)
          ? String.format("must be between %d and %d", min, max) : "not an integer"));
    }
  }

  public long longValue(String name) throws OptionException {
    String text = string(name);
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new OptionException("--" + name + " " + text + ": " + (isWholeNumber(text)
          ? "too large, at most " + Long.MAX_VALUE : "not an integer"));
    }
  }

  /** Digits with an optional sign: an integer, if one too large for its type. */
  private static boolean isWholeNumber(String text) {
    return text.trim().matches("[-+]?\\d+");
  }

  /** A finite number in [min, max]. */
  public float number(String name, double min, double max) throws OptionException {
    String text = string(name);
    float value;
    try {
      value = Float.parseFloat(text.trim());
    } catch (NumberFormatException e) {
      throw new OptionException("--" + name + " " + text + ": not a number");
    }
    if (!Float.isFinite(value) || value < min || value > max) {
      String range = max == Double.MAX_VALUE ? ">= " + Numbers.compact(min)
          : "between " + Numbers.compact(min) + " and " + Numbers.compact(max);
      throw new OptionException(String.format(Locale.ROOT, "--%s %s: must be %s", name, text,
          range));
    }
    return value;
  }

  /** A finite number > 0. */
  public float positive(String name) throws OptionException {
    float value = number(name, 0, Double.MAX_VALUE);
    if (value == 0) {
      throw new OptionException("--" + name + " " + string(name) + ": must be > 0");
    }
    return value;
  }

  /** {@code true} or {@code false}, in any case. */
  public boolean bool(String name) throws OptionException {
    String value = string(name).toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw new OptionException("--" + name + " " + value + ": expected true or false");
    }
    return value.equals("true");
  }

  /** One of the constants of {@code type}, written as {@link EnumNames} writes them. */
  public <E extends Enum<E>> E choice(String name, Class<E> type) throws OptionException {
    String text = string(name);
    return EnumNames.parse(type, text).orElseThrow(() -> new OptionException("--" + name + " "
        + text + ": expected one of " + EnumNames.choices(type)));
  }

  /** A value parsed by {@code parser}, whose IllegalArgumentException becomes a usage error. */
  public <T> T parsed(String name, Function<String, T> parser) throws OptionException {
    try {
      return parser.apply(string(name));
    } catch (IllegalArgumentException e) {
      throw new OptionException("--" + name + " " + e.getMessage());
    }
  }

  public Optional<Path> path(String name) {
    return optional(name).map(Path::of);
  }

  /** A required option naming a directory that exists. */
  public Path existingDirectory(String name) throws OptionException {
    Path path = path(name).orElseThrow(() -> new OptionException("--" + name + " is required"));
    if (!Files.isDirectory(path)) {
      throw new OptionException("--" + name + " " + path + ": directory not found");
    }
    return path;
  }

  /**
   * An optional output file, checked before any work is spent: not a directory, and the nearest
   * of its folders that exists is a directory this process can write.
   */
  public Optional<Path> outputFile(String name) throws OptionException {
    Optional<Path> given = path(name);
    if (given.isPresent() && Files.isDirectory(given.get())) {
      throw new OptionException("--" + name + " " + given.get() + ": is a directory");
    }
    return requireWritable(name, given);
  }

  /** As {@link #outputFile}, for an output directory: not a file. */
  public Optional<Path> outputDirectory(String name) throws OptionException {
    Optional<Path> given = path(name);
    if (given.isPresent() && Files.exists(given.get()) && !Files.isDirectory(given.get())) {
      throw new OptionException("--" + name + " " + given.get() + ": is a file");
    }
    return requireWritable(name, given);
  }

  private static Optional<Path> requireWritable(String name, Optional<Path> given)
      throws OptionException {
    if (given.isEmpty()) {
      return given;
    }
    Path folder = given.get().toAbsolutePath().getParent();
    while (folder != null && !Files.exists(folder)) {
      folder = folder.getParent();
    }
    if (folder == null || !Files.isDirectory(folder)) {
      throw new OptionException("--" + name + " " + given.get() + ": cannot be written: "
          + folder + " is a file");
    }
    if (!Files.isWritable(folder)) {
      throw new OptionException("--" + name + " " + given.get() + ": cannot be written: "
          + folder + " is not writable");
    }
    return given;
  }

  /** Comma-separated numbers; a number ending in % is that share of {@code total}. */
  public double[] milestones(String name, int total) throws OptionException {
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
        throw new OptionException("--" + name + " " + text + ": '" + item
            + "' is not an epoch or a percentage");
      }
    }
    return result.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }
}
