package gmloss.options;

import gmloss.io.EnumNames;
import gmloss.io.Numbers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One setting of a task, typed: its name (as the command line and the task's records write it),
 * the values it takes, its default and whether a resume may change it. The values it takes are
 * declared here once: a value is checked against them when it is set, and read back typed from
 * any table of values ({@link OptionValues#get}).
 *
 * <p>Thread safety: immutable.
 *
 * @param <T> the type of its values
 */
public final class Setting<T> {

  /** Reads the setting {@code name} of {@code values}, refusing a value it does not take. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(OptionValues values, String name) throws OptionException;
  }

  private final String name;
  private final boolean flag;
  private final String defaultText;
  private final boolean fixed;
  private final Reader<T> reader;
  private final Function<T, String> writer;

  private Setting(String name, boolean flag, String defaultText, boolean fixed, Reader<T> reader,
      Function<T, String> writer) {
    this.name = name;
    this.flag = flag;
    this.defaultText = defaultText;
    this.fixed = fixed;
    this.reader = reader;
    this.writer = writer;
    if (defaultText != null) {
      check(defaultText);
    }
  }

  /**
   * A setting read by {@code reader} and written by {@code writer}.
   *
   * @param defaultText its value when not given, or null when it has none
   * @param fixed whether it is fixed for the life of a run
   */
  public static <T> Setting<T> of(String name, String defaultText, boolean fixed,
      Reader<T> reader, Function<T, String> writer) {
    return new Setting<>(name, false, defaultText, fixed, reader, writer);
  }

  /** An integer in [min, max]. */
  public static Setting<Integer> integer(String name, String defaultText, int min, int max,
      boolean fixed) {
    return of(name, defaultText, fixed, (values, n) -> values.integer(n, min, max),
        String::valueOf);
  }

  /** Any integer of 64 bits. */
  public static Setting<Long> longInteger(String name, String defaultText, boolean fixed) {
    return of(name, defaultText, fixed, OptionValues::longValue, String::valueOf);
  }

  /** A finite number in [min, max]; {@code Double.MAX_VALUE} as max leaves it unbounded. */
  public static Setting<Float> number(String name, String defaultText, double min, double max,
      boolean fixed) {
    return of(name, defaultText, fixed, (values, n) -> values.number(n, min, max),
        Setting::compact);
  }

  /** A finite number above zero. */
  public static Setting<Float> positive(String name, String defaultText, boolean fixed) {
    return of(name, defaultText, fixed, OptionValues::positive, Setting::compact);
  }

  /** {@code true} or {@code false}. */
  public static Setting<Boolean> bool(String name, String defaultText, boolean fixed) {
    return of(name, defaultText, fixed, OptionValues::bool, String::valueOf);
  }

  /** One of the constants of {@code type}, written as {@link EnumNames} writes them. */
  public static <E extends Enum<E>> Setting<E> choice(String name, String defaultText,
      Class<E> type, boolean fixed) {
    return of(name, defaultText, fixed, (values, n) -> values.choice(n, type), EnumNames::of);
  }

  /** A file or directory. */
  public static Setting<Path> path(String name, boolean fixed) {
    return of(name, null, fixed, (values, n) -> Path.of(values.string(n)), Path::toString);
  }

  /** Any text: what it names is checked where it is used (a dataset, a registered network). */
  public static Setting<String> text(String name, String defaultText, boolean fixed) {
    return of(name, defaultText, fixed, OptionValues::string, Function.identity());
  }

  /** Any text that {@code check} accepts (it throws {@link OptionException} otherwise). */
  public static Setting<String> text(String name, String defaultText, boolean fixed,
      Reader<?> check) {
    return of(name, defaultText, fixed, (values, n) -> {
      check.read(values, n);
      return values.string(n);
    }, Function.identity());
  }

  /** A setting that is on when given and off by default. */
  public static Setting<Boolean> flag(String name, boolean fixed) {
    return new Setting<>(name, true, null, fixed, (values, n) -> values.flag(n),
        String::valueOf);
  }

  private static String compact(Float value) {
    return Numbers.compact(value);
  }

  public String name() {
    return name;
  }

  /** Whether it takes no value: given means on. */
  public boolean isFlag() {
    return flag;
  }

  /** Its value when not given, as text; empty when it has none. */
  public Optional<String> defaultText() {
    return Optional.ofNullable(defaultText);
  }

  /** Whether it is fixed for the life of a run: a resume may not change it. */
  public boolean fixed() {
    return fixed;
  }

  /** Its value in {@code values} (a flag: whether it is on). */
  public T read(OptionValues values) throws OptionException {
    return reader.read(values, name);
  }

  /**
   * {@code text} as a value of this setting ({@code true} or {@code false} for a flag).
   *
   * @throws OptionException naming the setting, when it does not take {@code text}
   */
  public T check(String text) throws OptionException {
    OptionValues alone = new OptionValues(Map.of(name, text), List.of(name));
    if (flag) {
      // A flag's text is true or false; a table holds it only when it is on.
      return read(alone.bool(name) ? alone : new OptionValues(Map.of(), List.of()));
    }
    return read(alone);
  }

  /**
   * {@code value} as text, after checking that the setting takes it.
   *
   * @throws OptionException naming the setting, when it does not take {@code value}
   */
  public String text(T value) throws OptionException {
    String text = writer.apply(value);
    check(text);
    return text;
  }

  @Override
  public String toString() {
    return "--" + name;
  }
}
