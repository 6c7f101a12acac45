package gmloss.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The options of one task, in order, each with its default and description: the one declaration
 * that help text, parsing, defaults and recorded runs all read.
 */
public final class OptionSpecs {

  /** A valued option ({@code argName} set) or a flag ({@code argName} null). */
  public record Entry(String name, String argName, String defaultValue, String description) {

    public boolean isFlag() {
      return argName == null;
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** A valued option; {@code defaultValue} may be null when there is none. */
  public OptionSpecs value(String name, String argName, String defaultValue,
      String description) {
    entries.put(name, new Entry(name, argName, defaultValue, description));
    return this;
  }

  public OptionSpecs flag(String name, String description) {
    entries.put(name, new Entry(name, null, null, description));
    return this;
  }

  /** A new table with these options, to declare more after them. */
  public OptionSpecs copy() {
    OptionSpecs copy = new OptionSpecs();
    copy.entries.putAll(entries);
    return copy;
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
