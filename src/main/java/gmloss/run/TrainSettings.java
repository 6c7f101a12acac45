package gmloss.run;

import gmloss.data.DatasetKind;
import gmloss.io.EnumNames;
import gmloss.io.Numbers;
import gmloss.loss.HeadType;
import gmloss.loss.HeadTypes;
import gmloss.network.NetworkType;
import gmloss.network.NetworkTypes;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.options.OptionValues;
import gmloss.train.Device;
import gmloss.train.LearningRateSchedule;
import gmloss.train.OptimizerSpec;
import gmloss.train.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a new training run, or the changes of a resumed one
 * ({@link TrainingRun#resume(Path, TrainSettings)}): typed setters for the common ones, and
 * {@link #set} for any setting by name ({@link TrainOptions#SPECS}, which also says which ones a
 * resume cannot change); a setting not given takes its recipe's value, else its default. Values
 * are checked together when the run is planned ({@link #plan}, {@link TrainingRun#start}), which
 * throws an unchecked {@link OptionException} naming the first setting that cannot be used.
 *
 * <pre>{@code
 * TrainSettings settings = new TrainSettings().epochs(3).loss(HeadTypes.CENTER)
 *     .hyperParameter("lambda", 0.05).precision(Precision.BF16).runDir(Path.of("runs/first"));
 * }</pre>
 *
 * <p>Thread safety: settings are a mutable builder; fill them from one thread, then start a run.
 */
public final class TrainSettings {

  private final Map<String, String> explicit = new LinkedHashMap<>();
  private List<String> commandLine;

  /**
   * Sets an option by its {@code gmloss train} name; {@code true} sets a flag, {@code false}
   * clears it.
   *
   * @throws OptionException if there is no such option
   */
  public TrainSettings set(String option, Object value) {
    OptionSpecs.Entry entry = TrainOptions.SPECS.entries().get(option);
    if (entry == null) {
      throw new OptionException("--" + option + ": no such setting" + TrainOptions.SPECS
          .nearest(option).map(near -> " (did you mean " + near + "?)").orElse(""));
    }
    if (entry.isFlag() && Boolean.FALSE.equals(value)) {
      explicit.remove(option);
    } else {
      explicit.put(option, value.toString());
    }
    return this;
  }

  /** The dataset, read from {@link #dataDir} or its default place. */
  public TrainSettings dataset(DatasetKind dataset) {
    return set("dataset", dataset.cliName());
  }

  public TrainSettings dataDir(Path directory) {
    return set("data-dir", directory);
  }

  /** Trains on the first {@code images} training images only (0: all). */
  public TrainSettings trainLimit(int images) {
    return set("train-limit", images);
  }

  /** Tests on the first {@code images} test images only (0: all). */
  public TrainSettings testLimit(int images) {
    return set("test-limit", images);
  }

  /** Holds {@code images} training images out as a validation split; it chooses the best epoch. */
  public TrainSettings validationSplit(int images) {
    return set("val-split", images);
  }

  /** Pad-4 crops and horizontal flips (MNIST is never flipped); on by default. */
  public TrainSettings augment(boolean augment) {
    return set("no-augment", !augment);
  }

  /** The network: {@link NetworkTypes#RESNET} (the default) or one the program registered. */
  public TrainSettings network(NetworkType network) {
    return set("network", network.name());
  }

  /** ResNet depth 6n+2. */
  public TrainSettings depth(int depth) {
    return set("depth", depth);
  }

  /** A linear layer to a {@code dimensions}-d feature (0: the pooled 64-d feature). */
  public TrainSettings featureDim(int dimensions) {
    return set("feature-dim", dimensions);
  }

  /** The loss and its head ({@link HeadTypes#GM}, {@link HeadTypes#SOFTMAX}, ...). */
  public TrainSettings loss(HeadType head) {
    return set("loss", head.name());
  }

  /** A hyper-parameter of the head ({@link HeadType#hyperParameters()}: "alpha", "lambda"). */
  public TrainSettings hyperParameter(String name, double value) {
    return set(name, Numbers.compact(value));
  }

  /** How a hyper-parameter changes: "constant", "ramp:E[:S]" or "stepup:N:G:MAX". */
  public TrainSettings hyperParameterSchedule(String name, String schedule) {
    return set(name + "-schedule", schedule);
  }

  /** A recipe of a reference implementation, whose values the other settings override. */
  public TrainSettings recipe(Recipe recipe) {
    return set("recipe", recipe.cliName());
  }

  public TrainSettings epochs(int epochs) {
    return set("epochs", epochs);
  }

  public TrainSettings batchSize(int images) {
    return set("batch-size", images);
  }

  /** The seed of initialisation, shuffling and augmentation. */
  public TrainSettings seed(long seed) {
    return set("seed", seed);
  }

  public TrainSettings optimizer(OptimizerSpec.Kind optimizer) {
    return set("optimizer", EnumNames.of(optimizer));
  }

  /** The learning rate after warm-up. */
  public TrainSettings learningRate(double rate) {
    return set("lr", Numbers.compact(rate));
  }

  public TrainSettings learningRateDecay(LearningRateSchedule.Decay decay) {
    return set("lr-schedule", EnumNames.of(decay));
  }

  /** A linear warm-up over {@code epochs} (0: none). */
  public TrainSettings warmupEpochs(double epochs) {
    return set("warmup-epochs", Numbers.compact(epochs));
  }

  public TrainSettings weightDecay(double decay) {
    return set("weight-decay", Numbers.compact(decay));
  }

  /** Where the run writes its record, log, metrics and checkpoints. */
  public TrainSettings runDir(Path directory) {
    return set("run-dir", directory);
  }

  /** Where the trained SavedModel goes (default: inside the run directory). */
  public TrainSettings exportDir(Path directory) {
    return set("export-dir", directory);
  }

  /** A checkpoint every {@code steps} steps too, besides the one after each epoch. */
  public TrainSettings checkpointEvery(int steps) {
    return set("checkpoint-every", steps);
  }

  /** Writes over an existing run and replaces an existing export directory. */
  public TrainSettings overwrite(boolean overwrite) {
    return set("overwrite", overwrite);
  }

  public TrainSettings device(Device device) {
    return set("device", EnumNames.of(device));
  }

  /** Threads of each TensorFlow pool (0: TensorFlow's choice). */
  public TrainSettings threads(int threads) {
    return set("threads", threads);
  }

  public TrainSettings precision(Precision precision) {
    return set("precision", EnumNames.of(precision));
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
