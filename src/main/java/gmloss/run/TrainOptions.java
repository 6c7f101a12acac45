package gmloss.run;

import gmloss.loss.HeadType;
import gmloss.loss.HeadTypes;
import gmloss.loss.HyperParameter;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.options.Setting;
import gmloss.train.Device;
import gmloss.train.HyperSchedule;
import gmloss.train.LearningRateSchedule;
import gmloss.train.OptimizerSpec;
import gmloss.train.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a training run, typed, with the values each takes, its default and whether a
 * resume may change it: what {@link TrainSettings} sets and checks, what {@code run.json}
 * records by name and a resume reads back. The loss heads declare their own
 * ({@link HeadType#hyperParameters()}, {@link HeadType#settings()}); they follow {@link #LOSS}.
 * How the command line describes them is {@code gmloss.cli.TrainOptionHelp}.
 */
public final class TrainOptions {

  /** Fixed for the life of a run: it shapes the model's variables or the batches it sees. */
  private static final boolean FIXED = true;
  private static final boolean CHANGEABLE = false;
  private static final int UNBOUNDED = Integer.MAX_VALUE;

  public static final Setting<Recipe> RECIPE = Setting.of("recipe", null, FIXED,
      (values, name) -> Recipe.fromCliName(values.string(name)).orElseThrow(() ->
          new OptionException("--recipe " + values.string(name) + ": unknown recipe, expected"
              + " one of " + Recipe.cliNames())), Recipe::cliName);
  /** A dataset's name, or "folder": which ones can be read is known when the run is planned. */
  public static final Setting<String> DATASET =
      Setting.text("dataset", "fashion-mnist", FIXED);
  public static final Setting<Path> DATA_DIR = Setting.path("data-dir", CHANGEABLE);
  public static final Setting<Path> DATA_HOME = Setting.path("data-home", CHANGEABLE);
  public static final Setting<String> CIFAR100_LABELS = Setting.text("cifar100-labels", "fine",
      FIXED, (values, name) -> {
        String labels = values.string(name);
        if (!labels.equals("fine") && !labels.equals("coarse")) {
          throw new OptionException("--" + name + " " + labels + ": expected fine or coarse");
        }
        return labels;
      });
  public static final Setting<Integer> TRAIN_LIMIT =
      Setting.integer("train-limit", "0", 0, UNBOUNDED, FIXED);
  public static final Setting<Integer> TEST_LIMIT =
      Setting.integer("test-limit", "0", 0, UNBOUNDED, CHANGEABLE);
  public static final Setting<Integer> VALIDATION_SPLIT =
      Setting.integer("val-split", "0", 0, UNBOUNDED, FIXED);
  public static final Setting<Boolean> NO_AUGMENT = Setting.flag("no-augment", FIXED);
  /** The network's name: a program may register its own before the run is planned. */
  public static final Setting<String> NETWORK =
      Setting.text("network", "resnet", FIXED);
  public static final Setting<Integer> DEPTH = Setting.integer("depth", "20", 1, 1000, FIXED);
  public static final Setting<Integer> FEATURE_DIM =
      Setting.integer("feature-dim", "0", 0, 65_536, FIXED);
  public static final Setting<HeadType> LOSS = Setting.of("loss", "gm", FIXED,
      (values, name) -> HeadTypes.named(values.string(name)).orElseThrow(() ->
          new OptionException("--" + name + " " + values.string(name) + ": expected one of "
              + HeadTypes.names())), HeadType::name);
  public static final Setting<OptimizerSpec.Kind> OPTIMIZER =
      Setting.choice("optimizer", "momentum", OptimizerSpec.Kind.class, FIXED);
  public static final Setting<Float> MOMENTUM =
      Setting.number("momentum", "0.9", 0, 0.999999, CHANGEABLE);
  public static final Setting<Boolean> NESTEROV = Setting.bool("nesterov", "true", CHANGEABLE);
  public static final Setting<Float> LEARNING_RATE = Setting.positive("lr", "0.1", CHANGEABLE);
  public static final Setting<LearningRateSchedule.Decay> LR_SCHEDULE = Setting.choice(
      "lr-schedule", "cosine", LearningRateSchedule.Decay.class, CHANGEABLE);
  /** Epochs or shares of the run ("50%,75%"): resolved against the epochs when planned. */
  public static final Setting<String> LR_STEPS = Setting.text("lr-steps", "50%,75%",
      CHANGEABLE, (values, name) -> values.milestones(name, 100));
  public static final Setting<Float> LR_DECAY = Setting.number("lr-decay", "0.1", 0, 1,
      CHANGEABLE);
  public static final Setting<Float> WARMUP_EPOCHS =
      Setting.number("warmup-epochs", "1", 0, Double.MAX_VALUE, CHANGEABLE);
  public static final Setting<Float> WARMUP_LR = Setting.positive("warmup-lr", null, CHANGEABLE);
  public static final Setting<Float> WEIGHT_DECAY =
      Setting.number("weight-decay", "5e-4", 0, Double.MAX_VALUE, CHANGEABLE);
  public static final Setting<Boolean> DECAY_ALL = Setting.bool("decay-all", "false", CHANGEABLE);
  public static final Setting<Integer> EPOCHS =
      Setting.integer("epochs", "6", 1, 100_000, CHANGEABLE);
  public static final Setting<Integer> BATCH_SIZE =
      Setting.integer("batch-size", "128", 1, 65_536, FIXED);
  public static final Setting<Integer> EVAL_BATCH_SIZE =
      Setting.integer("eval-batch-size", "500", 1, 65_536, CHANGEABLE);
  public static final Setting<Long> SEED = Setting.longInteger("seed", "42", FIXED);
  public static final Setting<Device> DEVICE =
      Setting.choice("device", "auto", Device.class, CHANGEABLE);
  public static final Setting<Integer> THREADS =
      Setting.integer("threads", "0", 0, 1024, CHANGEABLE);
  public static final Setting<Precision> PRECISION =
      Setting.choice("precision", "fp32", Precision.class, CHANGEABLE);
  public static final Setting<String> RUN_NAME =
      Setting.text("run-name", null, FIXED);
  public static final Setting<Path> RUN_DIR = Setting.path("run-dir", FIXED);
  public static final Setting<Path> EXPORT_DIR = Setting.path("export-dir", CHANGEABLE);
  public static final Setting<Integer> CHECKPOINT_EVERY =
      Setting.integer("checkpoint-every", "0", 0, UNBOUNDED, CHANGEABLE);
  public static final Setting<Integer> KEEP_CHECKPOINTS =
      Setting.integer("keep-checkpoints", "2", 1, 1000, CHANGEABLE);
  public static final Setting<Integer> LOG_EVERY =
      Setting.integer("log-every", "0", 0, UNBOUNDED, CHANGEABLE);
  public static final Setting<Boolean> OVERWRITE = Setting.flag("overwrite", CHANGEABLE);

  /** Every setting by name, in the order the help lists them. */
  private static final Map<String, Setting<?>> ALL = all();

  public static final OptionSpecs SPECS = specs();

  private TrainOptions() {}

  /** The setting called {@code name}. */
  public static Optional<Setting<?>> named(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** The value of {@code parameter}: the setting of its name. */
  public static Setting<Float> value(HyperParameter parameter) {
    return Setting.number(parameter.name(), parameter.defaultValue(), 0, Double.MAX_VALUE,
        CHANGEABLE);
  }

  /** The schedule of {@code parameter}: "constant", "ramp:E[:S]" or "stepup:N:G:MAX". */
  public static Setting<HyperSchedule> schedule(HyperParameter parameter) {
    return Setting.of(parameter.scheduleName(), parameter.defaultSchedule(), CHANGEABLE,
        (values, name) -> values.parsed(name,
            text -> HyperSchedule.parse(text, parameter.rampStart())),
        HyperSchedule::describe);
  }

  private static Map<String, Setting<?>> all() {
    List<Setting<?>> settings = new ArrayList<>(List.of(RECIPE, DATASET, DATA_DIR, DATA_HOME,
        CIFAR100_LABELS, TRAIN_LIMIT, TEST_LIMIT, VALIDATION_SPLIT, NO_AUGMENT, NETWORK, DEPTH,
        FEATURE_DIM, LOSS));
    for (HeadType head : HeadTypes.ALL) {
      for (HyperParameter parameter : head.hyperParameters()) {
        settings.add(value(parameter));
        settings.add(schedule(parameter));
      }
      settings.addAll(head.settings());
    }
    settings.addAll(List.of(OPTIMIZER, MOMENTUM, NESTEROV, LEARNING_RATE, LR_SCHEDULE, LR_STEPS,
        LR_DECAY, WARMUP_EPOCHS, WARMUP_LR, WEIGHT_DECAY, DECAY_ALL, EPOCHS, BATCH_SIZE,
        EVAL_BATCH_SIZE, SEED, DEVICE, THREADS, PRECISION, RUN_NAME, RUN_DIR, EXPORT_DIR,
        CHECKPOINT_EVERY, KEEP_CHECKPOINTS, LOG_EVERY, OVERWRITE));
    Map<String, Setting<?>> byName = new LinkedHashMap<>();
    for (Setting<?> setting : settings) {
      Setting<?> earlier = byName.putIfAbsent(setting.name(), setting);
      // Two heads may share a setting (lambda), declared alike.
      if (earlier != null && !sameDeclaration(earlier, setting)) {
        throw new IllegalStateException(setting + " is declared twice, differently");
      }
    }
    return byName;
  }

  private static boolean sameDeclaration(Setting<?> one, Setting<?> other) {
    return one.isFlag() == other.isFlag() && one.fixed() == other.fixed()
        && one.defaultText().equals(other.defaultText());
  }

  private static OptionSpecs specs() {
    OptionSpecs specs = new OptionSpecs();
    ALL.values().forEach(specs::setting);
    return specs;
  }
}
