package gmloss.run;

import gmloss.data.DatasetKind;
import gmloss.loss.HeadType;
import gmloss.loss.HeadTypes;
import gmloss.loss.HyperParameter;
import gmloss.network.NetworkType;
import gmloss.network.NetworkTypes;
import gmloss.options.OptionException;
import gmloss.options.OptionValues;
import gmloss.options.Setting;
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
 * ({@link TrainingRun#resume(Path, TrainSettings)}): typed setters for the common ones,
 * {@link #with} for any {@link TrainOptions} setting, and {@link #set} for one by name. A value
 * is checked when it is set, against the values its setting takes: a bad one throws an unchecked
 * {@link OptionException} naming the setting ({@link OptionException#setting()}). What depends
 * on several settings or on the machine (a warm-up shorter than the run, a dataset that is there,
 * a run directory that is free) is checked when the run is planned ({@link #plan},
 * {@link TrainingRun#start}). A setting not given takes its recipe's value, else its default.
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
   * Sets {@code setting} to {@code value}; for a flag, {@code false} clears it.
   *
   * @throws OptionException naming the setting, if it does not take {@code value} or is not a
   *     setting of a training run
   */
  public <T> TrainSettings with(Setting<T> setting, T value) {
    Setting<?> known = TrainOptions.named(setting.name()).orElseThrow(() ->
        new OptionException(setting + ": not a setting of a training run"));
    if (known.isFlag() != setting.isFlag()) {
      throw new OptionException(setting + ": not the training run's setting of that name");
    }
    // Checked against the run's own declaration too: a look-alike may take other values.
    return put(known, setting.text(value));
  }

  /**
   * Sets a setting by its name ({@code gmloss train}'s option without the dashes) to
   * {@code value}'s text; {@code true} sets a flag, {@code false} clears it.
   *
   * @throws OptionException naming the setting, if there is none of that name or it does not
   *     take {@code value}
   */
  public TrainSettings set(String name, Object value) {
    Setting<?> setting = TrainOptions.named(name).orElseThrow(() -> new OptionException("--"
        + name + ": no such setting" + TrainOptions.SPECS.nearest(name)
        .map(near -> " (did you mean --" + near + "?)").orElse("")));
    return put(setting, value.toString());
  }

  private TrainSettings put(Setting<?> setting, String text) {
    if (setting.isFlag()) {
      return Boolean.TRUE.equals(setting.check(text)) ? putChecked(setting.name(), "true")
          : remove(setting.name());
    }
    setting.check(text);
    return putChecked(setting.name(), text);
  }

  private TrainSettings putChecked(String name, String text) {
    explicit.put(name, text);
    return this;
  }

  private TrainSettings remove(String name) {
    explicit.remove(name);
    return this;
  }

  /** The dataset, read from {@link #dataDir} or its default place. */
  public TrainSettings dataset(DatasetKind dataset) {
    return with(TrainOptions.DATASET, dataset.cliName());
  }

  public TrainSettings dataDir(Path directory) {
    return with(TrainOptions.DATA_DIR, directory);
  }

  /** Trains on the first {@code images} training images only (0: all). */
  public TrainSettings trainLimit(int images) {
    return with(TrainOptions.TRAIN_LIMIT, images);
  }

  /** Tests on the first {@code images} test images only (0: all). */
  public TrainSettings testLimit(int images) {
    return with(TrainOptions.TEST_LIMIT, images);
  }

  /** Holds {@code images} training images out as a validation split; it chooses the best epoch. */
  public TrainSettings validationSplit(int images) {
    return with(TrainOptions.VALIDATION_SPLIT, images);
  }

  /** Pad-4 crops and horizontal flips (MNIST is never flipped); on by default. */
  public TrainSettings augment(boolean augment) {
    return with(TrainOptions.NO_AUGMENT, !augment);
  }

  /** The network: {@link NetworkTypes#RESNET} (the default) or one the program registered. */
  public TrainSettings network(NetworkType network) {
    return with(TrainOptions.NETWORK, network.name());
  }

  /** ResNet depth 6n+2. */
  public TrainSettings depth(int depth) {
    return with(TrainOptions.DEPTH, depth);
  }

  /** A linear layer to a {@code dimensions}-d feature (0: the pooled 64-d feature). */
  public TrainSettings featureDim(int dimensions) {
    return with(TrainOptions.FEATURE_DIM, dimensions);
  }

  /** The loss and its head ({@link HeadTypes#GM}, {@link HeadTypes#SOFTMAX}, ...). */
  public TrainSettings loss(HeadType head) {
    return with(TrainOptions.LOSS, head);
  }

  /**
   * A hyper-parameter of a head ({@link HeadType#hyperParameters()}: "alpha", "lambda").
   *
   * @throws OptionException if no head has one of that name, or the value is negative
   */
  public TrainSettings hyperParameter(String name, double value) {
    return with(TrainOptions.value(hyperParameter(name)), (float) value);
  }

  /**
   * How a hyper-parameter changes: "constant", "ramp:E[:S]" or "stepup:N:G:MAX".
   *
   * @throws OptionException if no head has one of that name, or the schedule is none of these
   */
  public TrainSettings hyperParameterSchedule(String name, String schedule) {
    return set(hyperParameter(name).scheduleName(), schedule);
  }

  private static HyperParameter hyperParameter(String name) {
    return HeadTypes.ALL.stream().flatMap(head -> head.hyperParameters().stream())
        .filter(parameter -> parameter.name().equals(name)).findFirst()
        .orElseThrow(() -> new OptionException("--" + name + ": no head has a hyper-parameter"
            + " of that name"));
  }

  /** A recipe of a reference implementation, whose values the other settings override. */
  public TrainSettings recipe(Recipe recipe) {
    return with(TrainOptions.RECIPE, recipe);
  }

  public TrainSettings epochs(int epochs) {
    return with(TrainOptions.EPOCHS, epochs);
  }

  public TrainSettings batchSize(int images) {
    return with(TrainOptions.BATCH_SIZE, images);
  }

  /** The seed of initialisation, shuffling and augmentation. */
  public TrainSettings seed(long seed) {
    return with(TrainOptions.SEED, seed);
  }

  public TrainSettings optimizer(OptimizerSpec.Kind optimizer) {
    return with(TrainOptions.OPTIMIZER, optimizer);
  }

  /** The learning rate after warm-up. */
  public TrainSettings learningRate(double rate) {
    return with(TrainOptions.LEARNING_RATE, (float) rate);
  }

  public TrainSettings learningRateDecay(LearningRateSchedule.Decay decay) {
    return with(TrainOptions.LR_SCHEDULE, decay);
  }

  /** A linear warm-up over {@code epochs} (0: none). */
  public TrainSettings warmupEpochs(double epochs) {
    return with(TrainOptions.WARMUP_EPOCHS, (float) epochs);
  }

  public TrainSettings weightDecay(double decay) {
    return with(TrainOptions.WEIGHT_DECAY, (float) decay);
  }

  /** Where the run writes its record, log, metrics and checkpoints. */
  public TrainSettings runDir(Path directory) {
    return with(TrainOptions.RUN_DIR, directory);
  }

  /** Where the trained SavedModel goes (default: inside the run directory). */
  public TrainSettings exportDir(Path directory) {
    return with(TrainOptions.EXPORT_DIR, directory);
  }

  /** A checkpoint every {@code steps} steps too, besides the one after each epoch. */
  public TrainSettings checkpointEvery(int steps) {
    return with(TrainOptions.CHECKPOINT_EVERY, steps);
  }

  /** Writes over an existing run and replaces an existing export directory. */
  public TrainSettings overwrite(boolean overwrite) {
    return with(TrainOptions.OVERWRITE, overwrite);
  }

  public TrainSettings device(Device device) {
    return with(TrainOptions.DEVICE, device);
  }

  /** Threads of each TensorFlow pool (0: TensorFlow's choice). */
  public TrainSettings threads(int threads) {
    return with(TrainOptions.THREADS, threads);
  }

  public TrainSettings precision(Precision precision) {
    return with(TrainOptions.PRECISION, precision);
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

  /** The resolved values, before the plan checks them together. */
  OptionValues values() throws OptionException {
    Map<String, String> presets = explicit.containsKey(TrainOptions.RECIPE.name())
        ? TrainOptions.RECIPE.check(explicit.get(TrainOptions.RECIPE.name())).presets(epochs())
        : Map.of();
    return TrainOptions.SPECS.resolve(explicit, presets);
  }

  /** The epochs as set, or their default: recipes scale their epoch counts to them. */
  private int epochs() throws OptionException {
    return TrainOptions.EPOCHS.check(explicit.getOrDefault(TrainOptions.EPOCHS.name(),
        TrainOptions.EPOCHS.defaultText().orElseThrow()));
  }

  private static boolean isFlag(String name) {
    return TrainOptions.named(name).map(Setting::isFlag).orElse(false);
  }
}
