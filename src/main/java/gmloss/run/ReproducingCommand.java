package gmloss.run;

import gmloss.loss.HeadTypes;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command that repeats a run with today's defaults: the command that started it, followed
 * by every option it left to a default that has changed since, with the value the run used. A run
 * begun while lambda's default was 0.01 constant thus keeps naming its schedule on its model card
 * after the default became a ramp.
 */
final class ReproducingCommand {

  /** Options whose recorded value says where or when the run ran, not how it trained. */
  private static final Set<String> NOT_COMPARED = Set.of("run-dir", "export-dir", "data-dir",
      "data-home", "run-name", "resume", "overwrite", "verbose");

  private ReproducingCommand() {}

  /**
   * @param command the {@code gmloss train} command line that started the run, word by word
   * @param recorded every option of the run after defaults and presets, as its record keeps them
   */
  static List<String> of(List<String> command, Map<String, String> recorded) {
    Map<String, String> given = given(command);
    TrainSettings today = new TrainSettings();
    Map<String, String> now;
    try {
      // Where and when the run ran (and flags of one invocation) say nothing of its training.
      given.forEach((name, value) -> {
        if (!NOT_COMPARED.contains(name)) {
          today.set(name, value);
        }
      });
      now = today.values().values();
    } catch (OptionException e) {
      // An option the run was given no longer exists: the command as typed is all there is.
      return command;
    }
    // Options of other heads changed nothing in this run: a softmax run has no alpha.
    List<String> ignored = HeadTypes.named(recorded.getOrDefault("loss", ""))
        .map(HeadTypes::optionsOfOthers).orElse(List.of());
    List<String> repeated = new ArrayList<>(command);
    for (OptionSpecs.Entry entry : TrainOptions.SPECS.entries().values()) {
      String name = entry.name();
      String value = recorded.get(name);
      if (value == null || given.containsKey(name) || NOT_COMPARED.contains(name)
          || ignored.contains(name) || same(value, now.get(name))) {
        continue;
      }
      if (!entry.isFlag()) {
        repeated.addAll(List.of("--" + name, value));
      } else if (Boolean.parseBoolean(value)) {
        repeated.add("--" + name);
      }
    }
    return List.copyOf(repeated);
  }

  /** The options of {@code command}, {@code --name value}, {@code --name=value} or a flag. */
  static Map<String, String> given(List<String> command) {
    String[] words = command.toArray(String[]::new);
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < words.length; i++) {
      if (!words[i].startsWith("--")) {
        continue;
      }
      String word = words[i].substring(2);
      int equals = word.indexOf('=');
      OptionSpecs.Entry entry = TrainOptions.SPECS.entries().get(
          equals < 0 ? word : word.substring(0, equals));
      if (equals >= 0) {
        given.put(word.substring(0, equals), word.substring(equals + 1));
      } else if (entry != null && entry.isFlag()) {
        given.put(word, "true");
      } else if (i + 1 < words.length) {
        given.put(word, words[++i]);
      }
    }
    return given;
  }

  /** Equal as text, or as numbers: a record may keep 5e-4 as 5.0E-4. */
  private static boolean same(String recorded, String now) {
    if (recorded.equals(now)) {
      return true;
    }
    if (now == null) {
      return false;
    }
    try {
      return Double.parseDouble(recorded) == Double.parseDouble(now);
    } catch (NumberFormatException notNumbers) {
      return false;
    }
  }
}
