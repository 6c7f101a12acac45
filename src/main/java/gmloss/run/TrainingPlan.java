package gmloss.run;

import gmloss.data.Augmentation;
import gmloss.data.ChannelStatistics;
import gmloss.data.DataRequest;
import gmloss.data.Dataset;
import gmloss.data.DatasetKind;
import gmloss.export.SavedModelExporter;
import gmloss.io.EnumNames;
import gmloss.io.Numbers;
import gmloss.io.SafeFiles;
import gmloss.loss.GmHeadType;
import gmloss.loss.HeadStructure;
import gmloss.loss.HeadType;
import gmloss.loss.HeadTypes;
import gmloss.loss.HyperParameter;
import gmloss.network.ModelSpec;
import gmloss.network.NetworkType;
import gmloss.network.NetworkTypes;
import gmloss.options.OptionException;
import gmloss.options.OptionValues;
import gmloss.options.Setting;
import gmloss.runtime.Cpu;
import gmloss.train.HyperSetting;
import gmloss.train.LearningRateSchedule;
import gmloss.train.OptimizerSpec;
import gmloss.train.Precision;
import gmloss.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything a training run needs, resolved and checked from its options: the data, the model,
 * how to train it and where its files go.
 *
 * @param overwrite whether an existing export directory is replaced (and, for a new run, an
 *     existing run directory written over)
 * @param options every option after defaults and presets, run and export directories resolved:
 *     what {@code run.json} records and a resume reads back
 * @param notes what resolving the options changed, for the log: a recipe's scaled epoch counts,
 *     a default warm-up shortened to fit the run
 */
public record TrainingPlan(DatasetKind dataset, Path dataDir, boolean coarseLabels,
    int trainLimit, int testLimit, int valSplit, int depth, int featureDim, NetworkType network,
    HeadType head,
    HeadStructure headStructure, TrainingConfig training,
    Path runDir, Path exportDir, boolean overwrite, int checkpointEvery, int keepCheckpoints,
    int logEvery, Map<String, String> options, List<String> notes) {

  /** The share of a run the default warm-up is shortened to when it would cover the run. */
  static final float WARMUP_SHARE = 0.1f;

  /** Where a run's SavedModel goes without {@code --export-dir}: inside its run directory. */
  public static final String DEFAULT_EXPORT = "model";

  /**
   * Resolves and checks {@code options}.
   *
   * @param resumed the run directory of a resumed run, which holds a run by design
   * @throws OptionException naming the first option whose value cannot be used
   */
  public static TrainingPlan of(OptionValues options, Optional<Path> resumed)
      throws OptionException {
    DataRequest request = DataRequest.of(options.optional(TrainOptions.DATASET),
        options.optional(TrainOptions.DATA_DIR), options.optional(TrainOptions.DATA_HOME));
    DatasetKind dataset = request.kind(options.get(TrainOptions.DATASET));
    Path dataDir = request.directory(dataset);
    String labels = options.get(TrainOptions.CIFAR100_LABELS);
    NetworkType network = network(options);
    int depth = options.get(TrainOptions.DEPTH);
    int featureDim = options.get(TrainOptions.FEATURE_DIM);
    network.check(depth, featureDim);
    HeadType head = head(options);
    int epochs = options.get(TrainOptions.EPOCHS);
    List<String> notes = new ArrayList<>();
    options.optional(TrainOptions.RECIPE).flatMap(recipe -> recipe.scalingNote(epochs))
        .ifPresent(notes::add);
    LearningRateSchedule schedule = learningRate(options, epochs, notes);
    OptimizerSpec optimizer = optimizer(options);
    boolean augment = !options.get(TrainOptions.NO_AUGMENT);
    TrainingConfig training = new TrainingConfig(epochs, options.get(TrainOptions.BATCH_SIZE),
        options.get(TrainOptions.EVAL_BATCH_SIZE), options.get(TrainOptions.SEED),
        augment ? Optional.of(new Augmentation(Augmentation.DEFAULT_PADDING, dataset.flipSafe()))
            : Optional.empty(),
        hyperParameters(options, head), optimizer, schedule, options.get(TrainOptions.DEVICE),
        options.get(TrainOptions.THREADS), options.get(TrainOptions.PRECISION));
    String runName = options.optional(TrainOptions.RUN_NAME).orElse(String.format(Locale.ROOT,
        "%s-%s-%s-%s", dataset.cliName(), head.name(), network == NetworkTypes.RESNET
            ? "resnet" + depth : network.name(),
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    Path runDir = resumed.or(() -> options.path(TrainOptions.RUN_DIR.name()))
        .orElse(Path.of("runs", runName));
    // Checked now, so that a finished training is not lost to a directory that cannot be written.
    Path exportDir = options.outputDirectory(TrainOptions.EXPORT_DIR.name())
        .orElse(runDir.resolve(DEFAULT_EXPORT));
    // A resumed run replaces its own model, as the run it continues would have written it.
    boolean overwrite = options.get(TrainOptions.OVERWRITE)
        || resumed.isPresent() && !options.isExplicit(TrainOptions.EXPORT_DIR.name());
    RunDirectory.requireSeparate(runDir, exportDir);
    // The run directory first: an existing run is what the user is told about, in its terms.
    if (resumed.isEmpty()) {
      RunDirectory.requireFree(runDir, options.get(TrainOptions.OVERWRITE));
    }
    checkExportTarget(exportDir, overwrite);
    // Recorded resolved, so that a resumed run writes where the run began.
    Map<String, String> recorded = new LinkedHashMap<>(options.values());
    recorded.put(TrainOptions.RUN_NAME.name(), runName);
    recorded.put(TrainOptions.RUN_DIR.name(), runDir.toString());
    recorded.put(TrainOptions.EXPORT_DIR.name(), exportDir.toString());
    return new TrainingPlan(dataset, dataDir, labels.equals("coarse"),
        options.get(TrainOptions.TRAIN_LIMIT), options.get(TrainOptions.TEST_LIMIT),
        options.get(TrainOptions.VALIDATION_SPLIT), depth, featureDim, network, head,
        head.structure(options), training, runDir, exportDir, overwrite,
        options.get(TrainOptions.CHECKPOINT_EVERY), options.get(TrainOptions.KEEP_CHECKPOINTS),
        options.get(TrainOptions.LOG_EVERY), recorded, List.copyOf(notes));
  }

  /** The model this plan trains on {@code data}. */
  public ModelSpec spec(Dataset data) {
    return new ModelSpec(data.train().height(), data.train().width(), data.train().channels(),
        data.classNames(), network.name(), depth, featureDim, head.name(), headStructure,
        ChannelStatistics.of(data.train()));
  }

  /**
   * The data, the schedule and where it computes, as the start of the log gives them; a float32
   * run on a CPU with AMX is told that bf16 would be faster.
   */
  public List<String> describe(Dataset data, ModelSpec spec) {
    TrainingConfig config = training;
    return List.of(String.format(Locale.ROOT, "data: %s, %d training%s and %d test images of"
        + " %dx%dx%d, %d classes, augmentation %s", data.name(), data.train().size(),
        data.validation().map(v -> ", " + v.size() + " validation").orElse(""),
        data.test().size(),
        spec.height(), spec.width(), spec.channels(), spec.numClasses(),
        config.augmentation().map(a -> "pad " + a.padding() + " + crop"
            + (a.flip() ? " + flip" : "")).orElse("off")),
        String.format(Locale.ROOT, "schedule: %s of batch %d, %s, %s, weight"
        + " decay %s%s", Numbers.counted(config.epochs(), "epoch"), config.batchSize(),
        config.learningRate().describe(),
        EnumNames.of(config.optimizer().kind()) + (config.optimizer().kind()
            == OptimizerSpec.Kind.MOMENTUM ? " " + Numbers.compact(config.optimizer().momentum())
            + (config.optimizer().nesterov() ? " nesterov" : "") : ""),
        Numbers.compact(config.optimizer().weightDecay())
            + (head.settings().contains(GmHeadType.DECAY_MEANS)
                && !config.optimizer().decayMeans()
                ? " (not on the means)" : ""), config.hyperParameters().stream()
            .map(h -> ", " + h.describe()).collect(Collectors.joining())),
        String.format(Locale.ROOT, "compute: %s, %s, precision %s", config.device().actual(),
            config.threads() == 0 ? "TensorFlow's choice of threads" : config.threads()
                + (config.threads() == 1 ? " thread" : " threads"),
            config.precision() == Precision.BF16
                ? "bf16 (bfloat16 products, float32 weights)" : "fp32")
            + config.precision().hint(Cpu.read()).map(hint -> " (" + hint + ")").orElse(""));
  }

  /**
   * The rate's schedule. A warm-up as long as the run would leave the rate never decaying: one
   * given explicitly is refused, the default one is shortened to a tenth of the run.
   */
  static LearningRateSchedule learningRate(OptionValues options, int epochs,
      List<String> notes) throws OptionException {
    float lr = options.get(TrainOptions.LEARNING_RATE);
    Optional<Float> heldRate = options.optional(TrainOptions.WARMUP_LR);
    float warmup = options.get(TrainOptions.WARMUP_EPOCHS);
    if (warmup > 0 && warmup >= epochs) {
      if (options.isExplicit(TrainOptions.WARMUP_EPOCHS.name())) {
        throw new OptionException("--warmup-epochs " + options.string("warmup-epochs")
            + ": covers the whole run of " + Numbers.counted(epochs, "epoch") + ", so the rate"
            + " would never decay; give a warm-up shorter than --epochs");
      }
      float shortened = epochs * WARMUP_SHARE;
      notes.add(String.format(Locale.ROOT, "warm-up: the default of %s would cover the whole"
          + " run of %s; warming up over %s instead (--warmup-epochs chooses)",
          Numbers.counted(warmup, "epoch"), Numbers.counted(epochs, "epoch"),
          Numbers.counted(shortened, "epoch")));
      warmup = shortened;
    }
    return new LearningRateSchedule(lr, heldRate.isPresent()
        ? LearningRateSchedule.Warmup.CONSTANT : LearningRateSchedule.Warmup.LINEAR,
        warmup, heldRate.orElse(lr), options.get(TrainOptions.LR_SCHEDULE),
        options.milestones(TrainOptions.LR_STEPS.name(), epochs),
        options.get(TrainOptions.LR_DECAY), epochs);
  }

  private static OptimizerSpec optimizer(OptionValues options) throws OptionException {
    return new OptimizerSpec(options.get(TrainOptions.OPTIMIZER),
        options.get(TrainOptions.MOMENTUM), options.get(TrainOptions.NESTEROV),
        options.get(TrainOptions.WEIGHT_DECAY), options.get(TrainOptions.DECAY_ALL),
        options.get(GmHeadType.MEANS_LR_MULT), options.get(GmHeadType.DECAY_MEANS));
  }

  /** Refuses an existing export directory unless {@code overwrite}. */
  private static void checkExportTarget(Path exportDir, boolean overwrite)
      throws OptionException {
    try {
      SavedModelExporter.checkTarget(exportDir, overwrite);
    } catch (FileAlreadyExistsException e) {
      throw new OptionException("--export-dir " + exportDir + ": " + e.getReason());
    } catch (IOException e) {
      throw new OptionException("--export-dir " + exportDir + ": " + SafeFiles.reason(e));
    }
  }

  /** The network {@code --network} names: the ResNet, or one a program registered. */
  private static NetworkType network(OptionValues options) throws OptionException {
    String name = options.get(TrainOptions.NETWORK);
    return NetworkTypes.named(name).orElseThrow(() -> new OptionException("--network " + name
        + ": no such network; expected one of " + NetworkTypes.names()
        + " (a program registers its own with NetworkTypes.register)"));
  }

  /**
   * The head {@code --loss} names. A structural option of another head, given explicitly, is
   * refused rather than ignored: it asks for a model this head does not build.
   */
  private static HeadType head(OptionValues options) throws OptionException {
    HeadType head = options.get(TrainOptions.LOSS);
    for (HeadType other : HeadTypes.ALL) {
      for (Setting<?> setting : other.settings()) {
        if (setting.fixed() && options.isExplicit(setting.name())
            && !head.settings().contains(setting)) {
          throw new OptionException(setting + " " + options.string(setting.name()) + ": an"
              + " option of --loss " + other.name() + ", not of --loss " + head.name());
        }
      }
    }
    return head;
  }

  /** The value and schedule of each hyper-parameter of {@code head}. */
  private static List<HyperSetting> hyperParameters(OptionValues options, HeadType head)
      throws OptionException {
    List<HyperSetting> settings = new ArrayList<>();
    for (HyperParameter parameter : head.hyperParameters()) {
      settings.add(new HyperSetting(parameter.name(),
          options.get(TrainOptions.value(parameter)),
          options.get(TrainOptions.schedule(parameter))));
    }
    return settings;
  }
}
