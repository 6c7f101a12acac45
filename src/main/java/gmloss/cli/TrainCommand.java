package gmloss.cli;

import gmloss.data.Augmentation;
import gmloss.data.ChannelStatistics;
import gmloss.data.Dataset;
import gmloss.data.DatasetKind;
import gmloss.export.SavedModelExporter;
import gmloss.loss.MeansInit;
import gmloss.loss.Variance;
import gmloss.model.ResNet;
import gmloss.network.HeadKind;
import gmloss.network.ModelSpec;
import gmloss.train.Device;
import gmloss.train.HyperSchedule;
import gmloss.train.LearningRateSchedule;
import gmloss.train.Numbers;
import gmloss.train.OptimizerSpec;
import gmloss.train.RunLog;
import gmloss.train.Trainer;
import gmloss.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
      .value("data-dir", "DIR", null, "directory of the dataset's files (default: "
          + "/usr/share/datasets/fashion-mnist for fashion-mnist; required for the others)")
      .value("cifar100-labels", "KIND", "fine", "CIFAR-100 labels: fine (100) or coarse (20)")
      .value("train-limit", "N", "0", "use only the first N training images (0: all)")
      .value("test-limit", "N", "0", "use only the first N test images (0: all)")
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
      int testLimit, int depth, int featureDim, HeadKind head, MeansInit meansInit,
      Variance variance, TrainingConfig training, Path runDir, Path exportDir, boolean overwrite,
      Map<String, String> options, Optional<String> recipeNote) {}

  @Override
  public int run(String[] args, PrintStream out) throws Exception {
    Optional<Recipe> recipe = recipe(args);
    Map<String, String> presets = recipe.isPresent()
        ? recipe.get().presets(epochsOf(args)) : Map.of();
    ParsedOptions options = OPTIONS.parse(args, presets);
    if (options.helpRequested()) {
      out.print(OPTIONS.help("recipes:\n" + Recipe.helpText()));
      return Main.OK;
    }
    Plan plan = plan(options);
    // Before reading data: a missing GPU fails here, and the first session sizes TensorFlow's
    // thread pools for the whole process.
    plan.training().device().sessionConfig(plan.training().threads());
    Dataset data = plan.dataset().load(plan.dataDir(), plan.coarseLabels())
        .limited(plan.trainLimit(), plan.testLimit());
    return execute(plan, data, ("gmloss train " + String.join(" ", args)).strip(), out);
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

  static Plan plan(ParsedOptions options) throws UsageException {
    DatasetKind dataset = DatasetKind.fromCliName(options.string("dataset"))
        .orElseThrow(() -> new UsageException("--dataset " + options.string("dataset")
            + ": unknown dataset, expected one of " + DatasetKind.cliNames()));
    Path dataDir = options.path("data-dir").or(dataset::defaultDirectory)
        .orElseThrow(() -> new UsageException("--data-dir is required for " + dataset.cliName()
            + ": " + dataset.howToGet()));
    if (!Files.isDirectory(dataDir)) {
      throw new UsageException((options.isExplicit("data-dir") ? "--data-dir " : "")
          + dataDir + ": directory not found; " + dataset.howToGet());
    }
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
        options.number("weight-decay", 0, Double.MAX_VALUE));
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
        "%s-%s-resnet%d-%s", dataset.cliName(), ParsedOptions.cliName(head), depth,
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    Path runDir = options.path("run-dir").orElse(Path.of("runs", runName));
    Path exportDir = options.path("export-dir").orElse(Path.of("savedmodels", runName));
    boolean overwrite = options.flag("overwrite");
    if (Files.exists(exportDir) && !overwrite) {
      throw new UsageException("--export-dir " + exportDir
          + ": already exists; pass --overwrite to replace it");
    }
    if (isNonEmptyDirectory(runDir) && !overwrite) {
      throw new UsageException("--run-dir " + runDir
          + ": already holds a run; pass --overwrite to write over it");
    }
    return new Plan(dataset, dataDir, labels.equals("coarse"),
        options.integer("train-limit", 0, Integer.MAX_VALUE),
        options.integer("test-limit", 0, Integer.MAX_VALUE), depth,
        options.integer("feature-dim", 0, 65_536), head,
        options.choice("means-init", MeansInit.class), variance(options, head), training,
        runDir, exportDir, overwrite, options.values(),
        options.optional("recipe").flatMap(Recipe::fromCliName)
            .flatMap(recipe -> recipe.scalingNote(epochs)));
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

  static int execute(Plan plan, Dataset data, String command, PrintStream out)
      throws Exception {
    Files.createDirectories(plan.runDir());
    ModelSpec spec = new ModelSpec(data.train().height(), data.train().width(),
        data.train().channels(), data.classNames(), plan.depth(), plan.featureDim(), plan.head(),
        plan.meansInit(), plan.variance(), ChannelStatistics.of(data.train()));
    TrainingConfig config = plan.training();
    try (RunLog log = new RunLog(out, plan.runDir().resolve("train.log"))) {
      log.line(command);
      plan.recipeNote().ifPresent(log::line);
      log.line(String.format(Locale.ROOT, "data: %s, %d training and %d test images of %dx%dx%d,"
          + " %d classes, augmentation %s", data.name(), data.train().size(), data.test().size(),
          spec.height(), spec.width(), spec.channels(), spec.numClasses(),
          config.augmentation().map(a -> "pad " + a.padding() + " + crop"
              + (a.flip() ? " + flip" : "")).orElse("off")));
      log.line(String.format(Locale.ROOT, "schedule: %d epochs of batch %d, %s, %s, weight"
          + " decay %s%s", config.epochs(), config.batchSize(), config.learningRate().describe(),
          ParsedOptions.cliName(config.optimizer().kind()) + (config.optimizer().kind()
              == OptimizerSpec.Kind.MOMENTUM ? " " + Numbers.compact(config.optimizer().momentum())
              + (config.optimizer().nesterov() ? " nesterov" : "") : ""),
          Numbers.compact(config.optimizer().weightDecay()), plan.head() == HeadKind.GM
              ? ", alpha " + Numbers.compact(config.alpha()) + " "
                  + config.alphaSchedule().describe() + ", lambda "
                  + Numbers.compact(config.lambda()) + " " + config.lambdaSchedule().describe()
              : ""));
      Trainer.Outcome outcome = new Trainer(config, spec, data, plan.runDir(), log, command)
          .run();
      SavedModelExporter.export(outcome.checkpoint(), plan.exportDir(), plan.overwrite());
      RunRecord.write(plan, spec, outcome, command);
      log.line(String.format(Locale.ROOT, "done: test accuracy %.2f%%, %.0f img/s, %s wall,"
              + " peak RSS %d MiB; SavedModel in %s", 100 * outcome.last().testAccuracy(),
          outcome.imagesPerSecond(), outcome.last().elapsedText(), RunRecord.currentPeakRssMiB(),
          plan.exportDir()));
    }
    return Main.OK;
  }
}
