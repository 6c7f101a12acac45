package gmloss.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of one task, in order, each with its default: the one declaration that parsing,
 * defaults and recorded runs read. A task of the library declares what its settings are
 * ({@link #setting}) and the command line how it describes them
 * ({@link #described}); a command's own options are declared with their help at once
 * ({@link #value}, {@link #flag}).
 */
public final class OptionSpecs {

  /**
   * One option.
   *
   * @param flag whether it takes no value (true when given)
   * @param defaultValue its value when not given, or null when there is none
   * @param fixed whether it is fixed for the life of a run: a resume may not change it
   * @param argName what the help calls its value ({@code N}); null for a flag or when not
   *     described
   * @param description what the help says it does; null when not described
   */
  public record Entry(String name, boolean flag, String defaultValue, boolean fixed,
      String argName, String description) {

    public boolean isFlag() {
      return flag;
    }

    /** This option as the help describes it. */
    public Entry describedAs(Help help) {
      if (flag != (help.argName() == null)) {
        throw new IllegalArgumentException("--" + name + ": described as a "
            + (flag ? "valued option" : "flag") + " but declared as a " + (flag ? "flag"
            : "valued option"));
      }
      return new Entry(name, flag, defaultValue, fixed, help.argName(), help.description());
    }
  }

  /**
   * How the help describes an option.
   *
   * @param argName what it calls the value ({@code N}); null for a flag
   */
  public record Help(String argName, String description) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** A valued option with its help; {@code defaultValue} may be null when there is none. */
  public OptionSpecs value(String name, String argName, String defaultValue,
      String description) {
    return add(new Entry(name, false, defaultValue, false, argName, description));
  }

  /** A flag with its help. */
  public OptionSpecs flag(String name, String description) {
    return add(new Entry(name, true, null, false, null, description));
  }

  /** A setting of a task, as {@link Setting} declares it. */
  public OptionSpecs setting(Setting<?> setting) {
    return add(new Entry(setting.name(), setting.isFlag(), setting.defaultText().orElse(null),
        setting.fixed(), null, null));
  }

  private OptionSpecs add(Entry entry) {
    if (entries.putIfAbsent(entry.name(), entry) != null) {
      throw new IllegalArgumentException("--" + entry.name() + " is declared twice");
    }
    return this;
  }

  /** A new table with these options, to declare more after them. */
  public OptionSpecs copy() {
    OptionSpecs copy = new OptionSpecs();
    copy.entries.putAll(entries);
    return copy;
  }

  /**
   * These options with the help of each.
   *
   * @throws IllegalArgumentException when {@code help} misses an option or names one not here
   */
  public OptionSpecs described(Map<String, Help> help) {
    Set<String> unknown = new TreeSet<>(help.keySet());
    unknown.removeAll(entries.keySet());
    Set<String> missing = new TreeSet<>(entries.keySet());
    missing.removeAll(help.keySet());
    if (!unknown.isEmpty() || !missing.isEmpty()) {
      throw new IllegalArgumentException("help for options not declared: " + unknown
          + "; options without help: " + missing);
    }
    OptionSpecs described = new OptionSpecs();
    entries.values().forEach(entry -> described.add(entry.describedAs(help.get(entry.name()))));
    return described;
  }

  /** Every option, in declaration order. */
  public Map<String, Entry> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /**
   * The values of a request: {@code explicit} ones first, then {@code presets}, then defaults.
   *
   * @throws OptionException naming an option that is not declared here
   */
  public OptionValues resolve(Map<String, String> explicit, Map<String, String> presets)
      throws OptionException {
    for (String name : explicit.keySet()) {
      if (!entries.containsKey(name)) {
        throw new OptionException("unknown option --" + name + nearest(name)
            .map(near -> " (did you mean --" + near + "?)").orElse(""));
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Entry entry : entries.values()) {
      if (explicit.containsKey(entry.name())) {
        values.put(entry.name(), explicit.get(entry.name()));
      } else if (presets.containsKey(entry.name())) {
        values.put(entry.name(), presets.get(entry.name()));
      } else if (entry.defaultValue() != null) {
        values.put(entry.name(), entry.defaultValue());
      }
    }
    return new OptionValues(values, entries.keySet().stream()
        .filter(explicit::containsKey).toList());
  }

  /** The option nearest to a mistyped {@code --name}, if one is within two edits. */
  public Optional<String> nearest(String typed) {
    return NearestName.of(typed.replaceFirst("^-+", "").replaceFirst("=.*$", ""),
        entries.keySet());
  }
}
