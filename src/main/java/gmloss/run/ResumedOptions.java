package gmloss.run;

import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.options.OptionValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options of a resumed run: those the run recorded, with what the resume command line
 * changes. Options that define the model's variables or the batches it sees cannot change,
 * since the checkpoint and the exact continuation depend on them; the schedules, the budget
 * and where things run may.
 */
final class ResumedOptions {

  /** Options fixed for the life of a run, as {@link TrainOptions} marks them. */
  static final Set<String> FIXED = TrainOptions.SPECS.entries().values().stream()
      .filter(OptionSpecs.Entry::fixed).map(OptionSpecs.Entry::name)
      .collect(Collectors.toUnmodifiableSet());

  /** What acts on one invocation only, never taken from the record (older records kept them). */
  private static final Set<String> PER_INVOCATION = Set.of("overwrite", "verbose", "resume");

  private ResumedOptions() {}

  /**
   * @param recorded the run's options as its record keeps them
   * @param given the options the resume sets
   * @throws OptionException naming an option that does not exist or the first fixed option
   *     that {@code given} changes
   */
  static OptionValues merge(Map<String, String> recorded, Map<String, String> given)
      throws OptionException {
    // Refused rather than ignored: a misspelt change would otherwise go unnoticed.
    TrainOptions.SPECS.resolve(given, Map.of());
    Map<String, String> values = new LinkedHashMap<>(recorded);
    PER_INVOCATION.forEach(values::remove);
    // A run recorded before an option existed ran as its default does.
    TrainOptions.SPECS.entries().values().stream().filter(e -> e.defaultValue() != null)
        .forEach(e -> values.putIfAbsent(e.name(), e.defaultValue()));
    List<String> explicit = new ArrayList<>();
    for (String name : TrainOptions.SPECS.entries().keySet()) {
      if (!given.containsKey(name)) {
        continue;
      }
      String value = given.get(name);
      if (FIXED.contains(name) && !value.equals(recorded.get(name))) {
        throw new OptionException("--" + name + " " + value + ": cannot change when resuming"
            + " (the run has " + (recorded.containsKey(name) ? recorded.get(name) : "none")
            + "); it fixes the model or the batches it sees. Start a new run instead");
      }
      values.put(name, value);
      explicit.add(name);
    }
    return new OptionValues(values, explicit);
  }

  /** The options the resume command line changed, as "--name new (was old)". */
  static List<String> changes(Map<String, String> recorded, OptionValues merged) {
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, String> entry : merged.values().entrySet()) {
      String before = recorded.get(entry.getKey());
      if (merged.isExplicit(entry.getKey()) && !PER_INVOCATION.contains(entry.getKey())
          && !entry.getValue().equals(before)) {
        changes.add("--" + entry.getKey() + " " + entry.getValue()
            + (before != null ? " (was " + before + ")" : ""));
      }
    }
    return changes;
  }
}
