package gmloss.run;

import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.options.OptionValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of a new training run, set one by one with the names and values of
 * {@code gmloss train} ({@link TrainOptions#SPECS}); an option not set takes its recipe's value,
 * else its default.
 *
 * <pre>{@code
 * TrainSettings settings = new TrainSettings().set("epochs", 3).set("loss", "softmax")
 *     .set("run-dir", Path.of("runs/first"));
 * }</pre>
 *
 * <p>Thread safety: settings are a mutable builder; fill them from one thread, then start a run.
 */
public final class TrainSettings {

  private final Map<String, String> explicit = new LinkedHashMap<>();
  private List<String> commandLine;

  /** Sets an option; {@code true} sets a flag, {@code false} clears it. */
  public TrainSettings set(String option, Object value) {
    OptionSpecs.Entry entry = TrainOptions.SPECS.entries().get(option);
    if (entry != null && entry.isFlag() && Boolean.FALSE.equals(value)) {
      explicit.remove(option);
    } else {
      explicit.put(option, value.toString());
    }
    return this;
  }

  /** The options set so far, in the order they were set. */
  public Map<String, String> explicit() {
    return Collections.unmodifiableMap(explicit);
  }

  /**
   * Names the {@code gmloss train} command line, word by word, that made these settings: the
   * run's record keeps it. Only the command line sets it; a run a program starts has none.
   */
  public TrainSettings commandLine(List<String> words) {
    commandLine = List.copyOf(words);
    return this;
  }

  /** The command line that made these settings; empty for settings a program made. */
  public Optional<List<String>> commandLine() {
    return Optional.ofNullable(commandLine);
  }

  /** The {@code gmloss train} command, word by word, that {@code settings} equal. */
  public static List<String> commandOf(Map<String, String> settings) {
    List<String> words = new ArrayList<>(List.of("gmloss", "train"));
    settings.forEach((name, value) -> {
      if (!isFlag(name)) {
        words.addAll(List.of("--" + name, value));
      } else if (Boolean.parseBoolean(value)) {
        words.add("--" + name);
      }
    });
    return List.copyOf(words);
  }

  /**
   * The plan of a new run: these settings over the recipe's presets over the defaults.
   *
   * @throws OptionException naming the first option whose value cannot be used
   */
  public TrainingPlan plan() throws OptionException {
    return TrainingPlan.of(values(), Optional.empty());
  }

  /** The resolved values, before the plan checks them. */
  OptionValues values() throws OptionException {
    Map<String, String> presets = Map.of();
    if (explicit.containsKey("recipe")) {
      String name = explicit.get("recipe");
      Recipe recipe = Recipe.fromCliName(name).orElseThrow(() -> new OptionException(
          "--recipe " + name + ": unknown recipe, expected one of " + Recipe.cliNames()));
      presets = recipe.presets(epochs());
    }
    return TrainOptions.SPECS.resolve(explicit, presets);
  }

  /** --epochs as set, or its default: recipes scale their epoch counts to it. */
  private int epochs() throws OptionException {
    String text = explicit.getOrDefault("epochs",
        TrainOptions.SPECS.entries().get("epochs").defaultValue());
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new OptionException("--epochs " + text + ": not an integer");
    }
  }

  private static boolean isFlag(String option) {
    OptionSpecs.Entry entry = TrainOptions.SPECS.entries().get(option);
    return entry != null && entry.isFlag();
  }
}
