package gmloss.cli;

import gmloss.data.Augmentation;
import gmloss.data.ChannelStatistics;
import gmloss.data.Dataset;
import gmloss.data.DatasetKind;
import gmloss.download.DataHome;
import gmloss.export.SavedModelExporter;
import gmloss.io.EnumNames;
import gmloss.io.Memory;
import gmloss.io.SafeFiles;
import gmloss.loss.Likelihood;
import gmloss.loss.MeansInit;
import gmloss.loss.Variance;
import gmloss.model.ResNet;
import gmloss.network.HeadKind;
import gmloss.network.Json;
import gmloss.network.ModelSpec;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import gmloss.train.Device;
import gmloss.train.HyperSchedule;
import gmloss.train.LearningRateSchedule;
import gmloss.train.Numbers;
import gmloss.train.OptimizerSpec;
import gmloss.train.RunLog;
import gmloss.train.StopRequest;
import gmloss.train.TensorBoard;
import gmloss.train.Trainer;
import gmloss.train.TrainingConfig;
import gmloss.train.TrainingSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code gmloss train}: trains a ResNet with the GM (or softmax) loss and exports it. */
final class TrainCommand implements Command {

  static final OptionTable OPTIONS = new OptionTable("train",
      "Trains a ResNet-(6n+2) with the large-margin Gaussian mixture loss (or softmax) and"
          + " writes a checkpoint, metrics and a SavedModel.")
      .value("recipe", "NAME", null, "preset of a reference implementation: "
          + Recipe.cliNames() + "; options given explicitly still win; epoch counts of a"
          + " recipe written for more than --epochs are scaled down in proportion (list below)")
      .value("dataset", "NAME", "fashion-mnist", DatasetKind.cliNames())
      .value("data-dir", "DIR", null, "directory of the dataset's files (default: the Debian"
          + " package's /usr/share/datasets/fashion-mnist if installed, else <data home>/<dataset>;"
          + " required for folder)")
      .value("data-home", "DIR", null, "where gmloss download puts datasets (default: $"
          + DataHome.VARIABLE + ", else ~/.gmloss/datasets)")
      .value("cifar100-labels", "KIND", "fine", "CIFAR-100 labels: fine (100) or coarse (20)")
      .value("train-limit", "N", "0", "use only the first N training images (0: all)")
      .value("test-limit", "N", "0", "use only the first N test images (0: all)")
      .value("val-split", "N", "0", "hold N training images out, drawn with --seed, as a"
          + " validation split: reported every epoch, and the best epoch and its kept checkpoint"
          + " are chosen on it (0: none; the test set never chooses)")
      .flag("no-augment", "train without pad-4 random crops and horizontal flips"
          + " (MNIST is never flipped)")
      .value("depth", "D", "20", "ResNet depth, 6n+2: 20, 32, 44, 56, 110")
      .value("feature-dim", "D", "0",
          "add a linear layer to a D-dimensional feature (0: the 64-d pooled feature)")
      .value("loss", "NAME", "gm", "gm (large-margin Gaussian mixture) or softmax")
      .value("alpha", "A", "0.1", "GM margin alpha (>= 0), applied to the true class in training")
      .value("alpha-schedule", "S", "constant", "constant; ramp:E[:S]: from S x alpha at epoch 0"
          + " linearly to alpha at epoch E (S = 0.1 if omitted, as TPAMI); stepup:N:G:MAX: x G"
          + " every N steps, at most MAX (Caffe)")
      .value("lambda", "L", "0.01", "GM likelihood weight lambda (>= 0), 1/2 ||x - mu_y||^2"
          + " convention")
      .value("lambda-schedule", "S", "constant",
          "as --alpha-schedule, for lambda (ramp start S = 0.01 if omitted, as TPAMI)")
      .value("means-init", "KIND", "normal", "GM class means: normal (std 0.1), glorot or he")
      .value("variance", "KIND", "none", "learned GM variances (Caffe): none, isotropic (one per"
          + " class) or diagonal (one per class and dimension)")
      .value("variance-param", "KIND", "linear", "linear: Caffe's variance relu(sigma) + 1e-4,"
          + " sigma starting at 1; log: sigma = exp(v), v starting at 0, positive without a clamp"
          + " (its gradient is sigma times Caffe's, so the same rate moves it differently)")
      .value("variance-lr-mult", "M", "0.1", "learning-rate multiplier of the variances (0"
          + " freezes them); they are never weight-decayed")
      .value("gm-likelihood", "KIND", "caffe", "the GM class density with learned variances:"
          + " caffe (Caffe's layer: logits -d_k, likelihood term 1/2 ||x - mu_y||^2) or paper"
          + " (log N(x; mu_k, Sigma_k): logits -d_k - 1/2 log|Sigma_k|, likelihood term"
          + " d_y + 1/2 log|Sigma_y|); equal without variances")
      .value("optimizer", "NAME", "momentum", "momentum, sgd or adam (framework optimizers)")
      .value("momentum", "M", "0.9", "momentum of the momentum optimizer")
      .value("nesterov", "BOOL", "true", "Nesterov momentum: true or false")
      .value("lr", "RATE", "0.1", "learning rate after warm-up")
      .value("lr-schedule", "KIND", "cosine", "constant, step (see --lr-steps) or cosine")
      .value("lr-steps", "LIST", "50%,75%",
          "epochs at which step decay multiplies the rate by --lr-decay; N% = share of --epochs")
      .value("lr-decay", "F", "0.1", "step decay factor")
      .value("warmup-epochs", "E", "1", "linear warm-up to --lr over E epochs (0: none)")
      .value("warmup-lr", "RATE", null,
          "hold this rate during warm-up instead of a linear ramp (as gluon_GMLoss)")
      .value("weight-decay", "WD", "5e-4",
          "L2 weight decay on convolution, linear and GM-mean weights (gradient wd * w)")
      .value("decay-all", "BOOL", "false", "weight-decay batch-norm scale and shift and"
          + " biases too (all but the variances), as the reference implementations do: true or"
          + " false")
      .value("means-lr-mult", "M", "1", "learning-rate multiplier of the GM class means (Caffe's"
          + " lr_mult; its CIFAR example uses 2)")
      .value("epochs", "N", "6", "training epochs")
      .value("batch-size", "N", "128", "training batch size")
      .value("eval-batch-size", "N", "500", "evaluation batch size")
      .value("seed", "N", "42", "seed of initialisation, shuffling and augmentation")
      .value("device", "NAME", "auto", "cpu, gpu or auto (GPU if TensorFlow sees one)")
      .value("threads", "N", "0", "threads of each TensorFlow pool, intra-op and inter-op (0:"
          + " TensorFlow's choice)")
      .value("run-name", "NAME", null, "name of the run (default: <dataset>-<loss>-"
          + "resnet<depth>-<date>-<time>)")
      .value("run-dir", "DIR", null, "logs, metrics and checkpoints (default: runs/<run-name>)")
      .value("export-dir", "DIR", null, "SavedModel destination (default: savedmodels/<run-name>)")
      .value("checkpoint-every", "N", "0", "also write a checkpoint every N steps (0: only after"
          + " each epoch)")
      .value("keep-checkpoints", "N", "2", "how many of the newest checkpoints to keep")
      .value("resume", "RUN_DIR", null, "continue the stopped run in RUN_DIR from its latest"
          + " checkpoint with its recorded options; --epochs may be raised, schedule, evaluation,"
          + " device and checkpoint options changed, options that fix the model or its batches"
          + " not")
      .value("log-every", "N", "0", "without a terminal, print a progress line every N steps (0:"
          + " about every 30 seconds)")
      .flag("overwrite", "write over an existing run directory and replace an existing export"
          + " directory")
      .flag("verbose", "print stack traces of errors");

  @Override
  public String name() {
    return "train";
  }

  @Override
  public String summary() {
    return "train a ResNet with the GM or softmax loss and export a SavedModel";
  }

  /** Everything a run needs, resolved from the command line. */
  record Plan(DatasetKind dataset, Path dataDir, boolean coarseLabels, int trainLimit,
      int testLimit, int valSplit, int depth, int featureDim, HeadKind head, MeansInit meansInit,
      Variance variance, Likelihood likelihood, TrainingConfig training, Path runDir,
      Path exportDir, boolean overwrite, int checkpointEvery, int keepCheckpoints, int logEvery, Map<String, String> options,
      Optional<String> recipeNote) {}

  @Override
  public int run(String[] args, PrintStream out) throws Exception {
    String command = ("gmloss train " + String.join(" ", args)).strip();
    String resume = OptionTable.peek(args, "resume");
    if (resume != null) {
      ParsedOptions given = OPTIONS.parse(args, Map.of());
      return given.helpRequested() ? help(out) : resume(Path.of(resume), given, command, out);
    }
    Optional<Recipe> recipe = recipe(args);
    Map<String, String> presets = recipe.isPresent()
        ? recipe.get().presets(epochsOf(args)) : Map.of();
    ParsedOptions options = OPTIONS.parse(args, presets);
    if (options.helpRequested()) {
      return help(out);
    }
    Plan plan = plan(options, Optional.empty());
    Dataset data = load(plan);
    ModelSpec spec = spec(plan, data);
    Files.createDirectories(plan.runDir());
    // --overwrite: the checkpoints of the run written over must not mix with this run's.
    Path oldCheckpoints = plan.runDir().resolve(CheckpointStore.DIRECTORY);
    if (Files.isDirectory(oldCheckpoints)) {
      SafeFiles.deleteRecursively(oldCheckpoints);
    }
    CheckpointStore store = checkpointStore(plan);
    try (TrainingSession session = TrainingSession.open(spec, plan.training(), Optional.empty());
        RunLog log = new RunLog(out, plan.runDir().resolve("train.log"))) {
      log.line(command);
      plan.recipeNote().ifPresent(log::line);
      describe(plan, data, spec, log);
      RunRecord record = RunRecord.starting(command, List.of(), plan.options(),
          RunRecord.Environment.now(plan.training().device()), RunRecord.DataSizes.of(data),
          spec, plan.exportDir().toString(), List.of());
      return execute(plan, data, spec, store, session, log, record, Optional.empty());
    }
  }

  private static int help(PrintStream out) {
    out.print(OPTIONS.help("recipes:\n" + Recipe.helpText()));
    return Main.OK;
  }

  /** Continues the run in {@code runDir} from its latest checkpoint. */
  private static int resume(Path runDir, ParsedOptions given, String command, PrintStream out)
      throws Exception {
    if (!Files.isDirectory(runDir)) {
      throw new UsageException("--resume " + runDir + ": directory not found");
    }
    RunRecord record = RunRecord.read(runDir);
    ParsedOptions options = ResumedOptions.merge(record.options(), given);
    Plan plan = plan(options, Optional.of(runDir));
    CheckpointStore store = new CheckpointStore(runDir, plan.keepCheckpoints());
    Checkpoint checkpoint = store.latest().orElseThrow(() -> new IOException(runDir
        + ": the run stopped before its first checkpoint; nothing to resume. Start it again: "
        + record.command()));
    Checkpoint.State state = checkpoint.readState();
    if (state.epochsDone() >= plan.training().epochs()) {
      throw new UsageException("--resume " + runDir + ": the run has done its "
          + state.epochsDone() + " epochs; pass a larger --epochs to train on");
    }
    Dataset data = load(plan);
    ModelSpec spec = spec(plan, data);
    requireSameModel(checkpoint, state, spec, data, plan);
    store = checkpointStore(plan);
    try (TrainingSession session = TrainingSession.open(state.spec(), plan.training(),
        Optional.of(checkpoint));
        RunLog log = RunLog.continuing(out, runDir.resolve("train.log"), state.logBytes())) {
      store.discardNewerThan(checkpoint);
      log.line(command);
      List<String> changes = ResumedOptions.changes(record.options(), options);
      log.line(String.format(Locale.ROOT, "resuming from %s: %d epochs and %d steps done%s",
          checkpoint.directory(), state.epochsDone(), state.iterations(), changes.isEmpty() ? ""
              : "; changed: " + String.join(", ", changes)));
      return execute(plan, data, state.spec(), store, session, log,
          record.resumed(command, plan.options(),
              RunRecord.Environment.now(plan.training().device()), RunRecord.DataSizes.of(data),
              state.history()), Optional.of(checkpoint));
    }
  }

  /** Refuses a checkpoint whose model or batches differ from what the run's options make. */
  private static void requireSameModel(Checkpoint checkpoint, Checkpoint.State state,
      ModelSpec spec, Dataset data, Plan plan) throws UsageException {
    if (!describe(state.spec()).equals(describe(spec))) {
      throw new UsageException("--resume " + plan.runDir() + ": " + checkpoint.directory()
          + " holds a " + describe(state.spec()) + ", but the run's options and data make a "
          + describe(spec));
    }
    if (!Json.GSON.toJson(state.spec()).equals(Json.GSON.toJson(spec))) {
      throw new UsageException("--resume " + plan.runDir() + ": the training data in "
          + plan.dataDir() + " is not the data the run was trained on (its class names or"
          + " pixel statistics differ)");
    }
    int batches = data.train().size() / plan.training().batchSize();
    if (batches != state.batchesPerEpoch()) {
      throw new UsageException("--resume " + plan.runDir() + ": the run had "
          + state.batchesPerEpoch() + " batches per epoch, the data in " + plan.dataDir()
          + " gives " + batches);
    }
  }

  private static String describe(ModelSpec spec) {
    return String.format(Locale.ROOT, "ResNet-%d %s model (feature %s, variance %s) of"
        + " %dx%dx%d images in %d classes", spec.depth(), EnumNames.of(spec.head()),
        spec.featureDim() == 0 ? "pooled" : Integer.toString(spec.featureDim()),
        EnumNames.of(spec.variance().shape()), spec.height(), spec.width(),
        spec.channels(), spec.numClasses());
  }

  /** The training data; first a session, so a missing GPU fails before any reading. */
  private static Dataset load(Plan plan) throws IOException, UsageException {
    // The first session also sizes TensorFlow's thread pools for the whole process.
    plan.training().device().sessionConfig(plan.training().threads());
    Dataset data = plan.dataset().load(plan.dataDir(), plan.coarseLabels())
        .limited(plan.trainLimit(), plan.testLimit());
    if (plan.valSplit() >= data.train().size()) {
      throw new UsageException("--val-split " + plan.valSplit() + ": leaves no training images"
          + " of " + data.train().size());
    }
    return data.withValidation(plan.valSplit(), plan.training().seed());
  }

  private static ModelSpec spec(Plan plan, Dataset data) {
    return new ModelSpec(data.train().height(), data.train().width(), data.train().channels(),
        data.classNames(), plan.depth(), plan.featureDim(), plan.head(), plan.meansInit(),
        plan.variance(), plan.likelihood(), ChannelStatistics.of(data.train()));
  }

  /** The run's checkpoint store, refused before any training if it cannot be written. */
  private static CheckpointStore checkpointStore(Plan plan) throws UsageException {
    CheckpointStore store = new CheckpointStore(plan.runDir(), plan.keepCheckpoints());
    try {
      store.prepare();
    } catch (IOException e) {
      throw new UsageException("--run-dir " + plan.runDir() + ": cannot write checkpoints to "
          + store.directory() + ": " + SafeFiles.reason(e));
    }
    return store;
  }

  private static Optional<Recipe> recipe(String[] args) throws UsageException {
    String name = OptionTable.peek(args, "recipe");
    if (name == null) {
      return Optional.empty();
    }
    return Optional.of(Recipe.fromCliName(name).orElseThrow(() -> new UsageException(
        "--recipe " + name + ": unknown recipe, expected one of " + Recipe.cliNames())));
  }

  /** --epochs as given, or its default: recipes scale their epoch counts to it. */
  private static int epochsOf(String[] args) throws UsageException {
    String text = OptionTable.peek(args, "epochs");
    try {
      return Integer.parseInt(text != null ? text
          : OPTIONS.entries().get("epochs").defaultValue());
    } catch (NumberFormatException e) {
      throw new UsageException("--epochs " + text + ": not an integer");
    }
  }

  /**
   * @param resumed the run directory of a resumed run, which holds a run by design
   */
  static Plan plan(ParsedOptions options, Optional<Path> resumed) throws UsageException {
    DatasetKind dataset = DatasetKind.fromCliName(options.string("dataset"))
        .orElseThrow(() -> new UsageException("--dataset " + options.string("dataset")
            + ": unknown dataset, expected one of " + DatasetKind.cliNames()));
    Path dataDir = dataDirectory(options, dataset);
    String labels = options.string("cifar100-labels");
    if (!labels.equals("fine") && !labels.equals("coarse")) {
      throw new UsageException("--cifar100-labels " + labels + ": expected fine or coarse");
    }
    int depth = options.integer("depth", 8, 1000);
    if (!ResNet.isValidDepth(depth)) {
      throw new UsageException("--depth " + depth + ": must be 6n+2 (20, 32, 44, 56, 110, ...)");
    }
    HeadKind head = options.choice("loss", HeadKind.class);
    int epochs = options.integer("epochs", 1, 100_000);
    float lr = options.positive("lr");
    float warmupEpochs = options.number("warmup-epochs", 0, Double.MAX_VALUE);
    Optional<String> warmupLr = options.optional("warmup-lr");
    LearningRateSchedule schedule = new LearningRateSchedule(lr,
        warmupLr.isPresent() ? LearningRateSchedule.Warmup.CONSTANT
            : LearningRateSchedule.Warmup.LINEAR,
        warmupEpochs,
        warmupLr.isPresent() ? options.positive("warmup-lr")
            : lr,
        options.choice("lr-schedule", LearningRateSchedule.Decay.class),
        options.milestones("lr-steps", epochs),
        options.number("lr-decay", 0, 1), epochs);
    OptimizerSpec optimizer = new OptimizerSpec(
        options.choice("optimizer", OptimizerSpec.Kind.class),
        options.number("momentum", 0, 0.999999), bool(options, "nesterov"),
        options.number("weight-decay", 0, Double.MAX_VALUE), bool(options, "decay-all"),
        options.number("means-lr-mult", 0, Double.MAX_VALUE));
    boolean augment = !options.flag("no-augment");
    TrainingConfig training = new TrainingConfig(epochs,
        options.integer("batch-size", 1, 65_536), options.integer("eval-batch-size", 1, 65_536),
        options.longValue("seed"),
        augment ? Optional.of(new Augmentation(Augmentation.DEFAULT_PADDING, dataset.flipSafe()))
            : Optional.empty(),
        options.number("alpha", 0, Double.MAX_VALUE),
        options.parsed("alpha-schedule",
            text -> HyperSchedule.parse(text, HyperSchedule.RAMP_START_ALPHA)),
        options.number("lambda", 0, Double.MAX_VALUE),
        options.parsed("lambda-schedule",
            text -> HyperSchedule.parse(text, HyperSchedule.RAMP_START_LAMBDA)),
        optimizer, schedule, options.choice("device", Device.class),
        options.integer("threads", 0, 1024));
    String runName = options.optional("run-name").orElse(String.format(Locale.ROOT,
        "%s-%s-resnet%d-%s", dataset.cliName(), EnumNames.of(head), depth,
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    Path runDir = resumed.or(() -> options.path("run-dir")).orElse(Path.of("runs", runName));
    Path exportDir = options.path("export-dir").orElse(Path.of("savedmodels", runName));
    // A resumed run replaces its own model, as the run it continues would have written it.
    boolean overwrite = options.flag("overwrite")
        || resumed.isPresent() && !options.isExplicit("export-dir");
    checkExportTarget(exportDir, overwrite);
    if (resumed.isEmpty() && isNonEmptyDirectory(runDir) && !options.flag("overwrite")) {
      throw new UsageException("--run-dir " + runDir
          + ": already holds a run; pass --overwrite to write over it, or --resume it");
    }
    // Recorded resolved, so that a resumed run writes where the run began.
    Map<String, String> recorded = new LinkedHashMap<>(options.values());
    recorded.put("run-name", runName);
    recorded.put("run-dir", runDir.toString());
    recorded.put("export-dir", exportDir.toString());
    return new Plan(dataset, dataDir, labels.equals("coarse"),
        options.integer("train-limit", 0, Integer.MAX_VALUE),
        options.integer("test-limit", 0, Integer.MAX_VALUE),
        options.integer("val-split", 0, Integer.MAX_VALUE), depth,
        options.integer("feature-dim", 0, 65_536), head,
        options.choice("means-init", MeansInit.class), variance(options, head),
        likelihood(options, head), training,
        runDir, exportDir, overwrite, options.integer("checkpoint-every", 0, Integer.MAX_VALUE),
        options.integer("keep-checkpoints", 1, 1000),
        options.integer("log-every", 0, Integer.MAX_VALUE), recorded,
        options.optional("recipe").flatMap(Recipe::fromCliName)
            .flatMap(recipe -> recipe.scalingNote(epochs)));
  }

  /** {@code error}, after writing {@code record}; a full disk must not hide the error. */
  private static <E extends Exception> E recorded(E error, RunRecord record, Path runDir) {
    try {
      record.write(runDir);
    } catch (IOException e) {
      error.addSuppressed(e);
    }
    return error;
  }

  /**
   * {@code --data-dir}, or where the dataset is by default: the Debian package's folder for
   * Fashion-MNIST if installed, else {@code <data home>/<dataset>}, where {@code gmloss download}
   * puts it. A missing folder is refused with the command that fetches it.
   */
  static Path dataDirectory(ParsedOptions options, DatasetKind dataset)
      throws UsageException {
    return dataDirectory(options, dataset, "dataset", "data-dir");
  }

  /** As {@link #dataDirectory(ParsedOptions, DatasetKind)}, with other option names. */
  static Path dataDirectory(ParsedOptions options, DatasetKind dataset, String datasetOption,
      String dirOption) throws UsageException {
    Optional<Path> given = options.path(dirOption);
    if (given.isPresent()) {
      if (!Files.isDirectory(given.get())) {
        throw new UsageException("--" + dirOption + " " + given.get()
            + ": directory not found; " + dataset.howToGet());
      }
      return given.get();
    }
    if (dataset == DatasetKind.FOLDER) {
      throw new UsageException("--" + dirOption + " is required for folder: "
          + dataset.howToGet().replace("--data-dir", "--" + dirOption));
    }
    Optional<Path> packaged = dataset.defaultDirectory().filter(Files::isDirectory);
    if (packaged.isPresent()) {
      return packaged.get();
    }
    Path home = DataHome.resolve(options.path("data-home"), System.getenv());
    Path downloaded = home.resolve(dataset.cliName());
    if (!Files.isDirectory(downloaded)) {
      throw new UsageException("--" + datasetOption + " " + dataset.cliName() + ": not found in "
          + downloaded + "; fetch it with: gmloss download " + dataset.cliName()
          + (options.isExplicit("data-home") ? " --data-home " + home : ""));
    }
    return downloaded;
  }

  /** Refuses an existing export directory unless {@code overwrite}. */
  static void checkExportTarget(Path exportDir, boolean overwrite) throws UsageException {
    try {
      SavedModelExporter.checkTarget(exportDir, overwrite);
    } catch (FileAlreadyExistsException e) {
      throw new UsageException("--export-dir " + exportDir + ": " + e.getReason());
    } catch (IOException e) {
      throw new UsageException("--export-dir " + exportDir + ": " + SafeFiles.reason(e));
    }
  }

  private static Variance variance(ParsedOptions options, HeadKind head)
      throws UsageException {
    Variance.Shape shape = options.choice("variance", Variance.Shape.class);
    if (shape != Variance.Shape.NONE && head != HeadKind.GM) {
      throw new UsageException("--variance " + options.string("variance")
          + ": learned variances need --loss gm");
    }
    return shape == Variance.Shape.NONE ? Variance.NONE : new Variance(shape,
        options.choice("variance-param", Variance.Parameterisation.class),
        options.number("variance-lr-mult", 0, Double.MAX_VALUE));
  }

  private static Likelihood likelihood(ParsedOptions options, HeadKind head)
      throws UsageException {
    Likelihood likelihood = options.choice("gm-likelihood", Likelihood.class);
    if (likelihood != Likelihood.CAFFE && head != HeadKind.GM) {
      throw new UsageException("--gm-likelihood " + options.string("gm-likelihood")
          + ": a GM likelihood needs --loss gm");
    }
    return likelihood;
  }

  private static boolean bool(ParsedOptions options, String name) throws UsageException {
    String value = options.string(name).toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw new UsageException("--" + name + " " + value + ": expected true or false");
    }
    return value.equals("true");
  }

  private static boolean isNonEmptyDirectory(Path directory) throws UsageException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      throw new UsageException("--run-dir " + directory + ": cannot read: " + e.getMessage());
    }
  }

  /** The data, the schedule and the model, at the start of the log. */
  private static void describe(Plan plan, Dataset data, ModelSpec spec, RunLog log) {
    TrainingConfig config = plan.training();
    log.line(String.format(Locale.ROOT, "data: %s, %d training%s and %d test images of"
        + " %dx%dx%d, %d classes, augmentation %s", data.name(), data.train().size(),
        data.validation().map(v -> ", " + v.size() + " validation").orElse(""),
        data.test().size(),
        spec.height(), spec.width(), spec.channels(), spec.numClasses(),
        config.augmentation().map(a -> "pad " + a.padding() + " + crop"
            + (a.flip() ? " + flip" : "")).orElse("off")));
    log.line(String.format(Locale.ROOT, "schedule: %d epochs of batch %d, %s, %s, weight"
        + " decay %s%s", config.epochs(), config.batchSize(), config.learningRate().describe(),
        EnumNames.of(config.optimizer().kind()) + (config.optimizer().kind()
            == OptimizerSpec.Kind.MOMENTUM ? " " + Numbers.compact(config.optimizer().momentum())
            + (config.optimizer().nesterov() ? " nesterov" : "") : ""),
        Numbers.compact(config.optimizer().weightDecay()), plan.head() == HeadKind.GM
            ? ", alpha " + Numbers.compact(config.alpha()) + " "
                + config.alphaSchedule().describe() + ", lambda "
                + Numbers.compact(config.lambda()) + " " + config.lambdaSchedule().describe()
            : ""));
  }

  /**
   * Trains (from scratch or from {@code resumeFrom}), keeps {@code run.json} up to date and
   * exports the model of a finished run. A SIGINT or SIGTERM stops after the current step with a
   * checkpoint.
   */
  private static int execute(Plan plan, Dataset data, ModelSpec spec, CheckpointStore store,
      TrainingSession session, RunLog log, RunRecord record, Optional<Checkpoint> resumeFrom)
      throws Exception {
    record.write(plan.runDir());
    try (StopRequest stop = StopRequest.onSignals();
        TensorBoard board = new TensorBoard(plan.runDir())) {
      Trainer trainer = new Trainer(plan.training(), spec, data, plan.runDir(), log,
          record.command(), new Trainer.Checkpointing(store, plan.checkpointEvery(), stop));
      Trainer.Outcome outcome;
      try {
        outcome = trainer.run(session, resumeFrom, List.of(Trainer.progressDisplay(log.console(),
            plan.training().epochs(), plan.logEvery()), board));
      } catch (Trainer.DivergedException e) {
        throw recorded(e, record.failed(RunRecord.Status.DIVERGED), plan.runDir());
      } catch (IOException | RuntimeException e) {
        throw recorded(e, record.failed(RunRecord.Status.FAILED), plan.runDir());
      }
      if (outcome.ending() == Trainer.Ending.STOPPED) {
        record.ended(outcome).write(plan.runDir());
        return Main.INTERRUPTED;
      }
      SavedModelExporter.export(outcome.checkpoint(), plan.exportDir(), plan.overwrite());
      record.ended(outcome).write(plan.runDir());
      log.line(String.format(Locale.ROOT, "done: test accuracy %.2f%%, %.0f img/s, %s wall,"
              + " peak RSS %d MiB; SavedModel in %s", 100 * outcome.last().testAccuracy(),
          outcome.imagesPerSecond(), outcome.last().elapsedText(), Memory.peakResidentMiB(),
          plan.exportDir()));
      return Main.OK;
    }
  }
}
