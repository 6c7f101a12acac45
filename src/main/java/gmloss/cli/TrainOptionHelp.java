package gmloss.cli;

import gmloss.data.DataHome;
import gmloss.data.DatasetKind;
import gmloss.loss.HeadTypes;
import gmloss.options.OptionSpecs;
import gmloss.run.Recipe;
import gmloss.run.TrainOptions;
import gmloss.run.TrainingPlan;
import java.util.Map;

/**
 * How {@code gmloss train} describes its options: the settings of a run ({@link TrainOptions})
 * with a value name and a help text each, then {@code --resume}, which only the command line has.
 */
final class TrainOptionHelp {

  static final String SUMMARY = "Trains a ResNet-(6n+2) with the large-margin Gaussian"
      + " mixture loss (or another head) and writes a checkpoint, metrics and a SavedModel.";

  /** Said after the help of each option a resume cannot change. */
  static final String FIXED_NOTE = "; fixed for the life of a run";

  static final OptionSpecs SPECS = fixedNoted(TrainOptions.SPECS.described(Map.ofEntries(
      Map.entry("recipe", new OptionSpecs.Help("NAME", "preset of a reference implementation: "
          + Recipe.cliNames() + "; options given explicitly still win; epoch counts of a"
          + " recipe written for more than --epochs are scaled down in proportion (list below)")),
      Map.entry("dataset", new OptionSpecs.Help("NAME", DatasetKind.cliNames())),
      Map.entry("data-dir", new OptionSpecs.Help("DIR", "directory of the dataset's files (default: the Debian"
          + " package's /usr/share/datasets/fashion-mnist if installed, else <data home>/<dataset>;"
          + " required for folder)")),
      Map.entry("data-home", new OptionSpecs.Help("DIR", "where gmloss download puts datasets (default: $"
          + DataHome.VARIABLE + ", else ~/.gmloss/datasets)")),
      Map.entry("cifar100-labels", new OptionSpecs.Help("KIND", "CIFAR-100 labels: fine (100) or coarse (20)")),
      Map.entry("train-limit", new OptionSpecs.Help("N", "use only the first N training images (0: all)")),
      Map.entry("test-limit", new OptionSpecs.Help("N", "use only the first N test images (0: all)")),
      Map.entry("val-split", new OptionSpecs.Help("N", "hold N training images out, drawn with --seed, as a"
          + " validation split: reported every epoch, and the best epoch and its kept checkpoint"
          + " are chosen on it (0: none; the test set never chooses)")),
      Map.entry("no-augment", new OptionSpecs.Help(null, "train without pad-4 random crops and horizontal flips"
          + " (MNIST is never flipped)")),
      Map.entry("network", new OptionSpecs.Help("NAME", "the network: resnet, or one a Java program"
          + " registered (NetworkTypes.register)")),
      Map.entry("depth", new OptionSpecs.Help("D", "ResNet depth, 6n+2: 20, 32, 44, 56, 110")),
      Map.entry("feature-dim", new OptionSpecs.Help("D", "add a linear layer to a D-dimensional feature (0: the 64-d pooled feature)")),
      Map.entry("loss", new OptionSpecs.Help("NAME", "the loss and its head: " + HeadTypes.names() + " (list"
          + " below)")),
      Map.entry("alpha", new OptionSpecs.Help("A", "GM margin alpha (>= 0), applied to the true class in training")),
      Map.entry("alpha-schedule", new OptionSpecs.Help("S", "constant; ramp:E[:S]: from S x alpha at epoch 0"
          + " linearly to alpha at epoch E (S = 0.1 if omitted, as TPAMI); stepup:N:G:MAX: x G"
          + " every N steps, at most MAX (Caffe)")),
      Map.entry("lambda", new OptionSpecs.Help("L", "weight lambda (>= 0) of GM's likelihood term, or of the"
          + " center loss's centre term; both 1/2 ||x - mu_y||^2 convention")),
      Map.entry("lambda-schedule", new OptionSpecs.Help("S", "as --alpha-schedule, for lambda (ramp start S"
          + " = 0.01 if omitted, as TPAMI); the default ramps over the first epoch")),
      Map.entry("center-alpha", new OptionSpecs.Help("A", "center loss: the rate alpha (>= 0) at which the"
          + " centres follow their classes' features (Wen et al.: 0.5)")),
      Map.entry("center-alpha-schedule", new OptionSpecs.Help("S", "as --alpha-schedule, for"
          + " --center-alpha")),
      Map.entry("means-init", new OptionSpecs.Help("KIND", "GM class means: normal (std 0.1), glorot or he")),
      Map.entry("variance", new OptionSpecs.Help("KIND", "learned GM variances (Caffe): none, isotropic (one per"
          + " class) or diagonal (one per class and dimension)")),
      Map.entry("variance-param", new OptionSpecs.Help("KIND", "linear: Caffe's variance relu(sigma) + 1e-4,"
          + " sigma starting at 1; log: sigma = exp(v), v starting at 0, positive without a clamp"
          + " (its gradient is sigma times Caffe's, so the same rate moves it differently)")),
      Map.entry("variance-lr-mult", new OptionSpecs.Help("M", "learning-rate multiplier of the variances (0"
          + " freezes them); they are never weight-decayed")),
      Map.entry("gm-likelihood", new OptionSpecs.Help("KIND", "the GM class density with learned variances:"
          + " caffe (Caffe's layer: logits -d_k, likelihood term 1/2 ||x - mu_y||^2) or paper"
          + " (log N(x; mu_k, Sigma_k): logits -d_k - 1/2 log|Sigma_k|, likelihood term"
          + " d_y + 1/2 log|Sigma_y|); equal without variances")),
      Map.entry("optimizer", new OptionSpecs.Help("NAME", "momentum, sgd or adam (framework optimizers)")),
      Map.entry("momentum", new OptionSpecs.Help("M", "momentum of the momentum optimizer")),
      Map.entry("nesterov", new OptionSpecs.Help("BOOL", "Nesterov momentum: true or false")),
      Map.entry("lr", new OptionSpecs.Help("RATE", "learning rate after warm-up")),
      Map.entry("lr-schedule", new OptionSpecs.Help("KIND", "constant, step (see --lr-steps) or cosine")),
      Map.entry("lr-steps", new OptionSpecs.Help("LIST", "epochs at which step decay multiplies the rate by --lr-decay; N% = share of --epochs")),
      Map.entry("lr-decay", new OptionSpecs.Help("F", "step decay factor")),
      Map.entry("warmup-epochs", new OptionSpecs.Help("E", "linear warm-up to --lr over E epochs (0: none); shorter"
          + " than --epochs, or the rate never decays: the default is then cut to a tenth of the"
          + " run")),
      Map.entry("warmup-lr", new OptionSpecs.Help("RATE", "hold this rate during warm-up instead of a linear ramp (as gluon_GMLoss)")),
      Map.entry("weight-decay", new OptionSpecs.Help("WD", "L2 weight decay on convolution, linear and GM-mean weights (gradient wd * w)")),
      Map.entry("decay-all", new OptionSpecs.Help("BOOL", "weight-decay batch-norm scale and shift and"
          + " biases too (all but the variances), as the reference implementations do: true or"
          + " false")),
      Map.entry("decay-means", new OptionSpecs.Help("BOOL", "weight-decay the GM class means, which pulls them"
          + " towards the origin: true or false")),
      Map.entry("means-lr-mult", new OptionSpecs.Help("M", "learning-rate multiplier of the GM class means (Caffe's"
          + " lr_mult; its CIFAR example uses 2)")),
      Map.entry("epochs", new OptionSpecs.Help("N", "training epochs")),
      Map.entry("batch-size", new OptionSpecs.Help("N", "training batch size")),
      Map.entry("eval-batch-size", new OptionSpecs.Help("N", "evaluation batch size")),
      Map.entry("seed", new OptionSpecs.Help("N", "seed of initialisation, shuffling and augmentation")),
      Map.entry("device", new OptionSpecs.Help("NAME", "cpu, gpu or auto (GPU if TensorFlow sees one)")),
      Map.entry("threads", new OptionSpecs.Help("N", "threads of each TensorFlow pool, intra-op and inter-op (0:"
          + " TensorFlow's choice)")),
      Map.entry("precision", new OptionSpecs.Help("KIND", "arithmetic of training: fp32, or bf16 (bfloat16"
          + " products with float32 weights; about twice as fast on a CPU with AMX); the model"
          + " is float32 either way")),
      Map.entry("run-name", new OptionSpecs.Help("NAME", "name of the run (default: <dataset>-<loss>-"
          + "resnet<depth>-<date>-<time>)")),
      Map.entry("run-dir", new OptionSpecs.Help("DIR", "logs, metrics and checkpoints (default: runs/<run-name>)")),
      Map.entry("export-dir", new OptionSpecs.Help("DIR", "SavedModel destination (default: <run-dir>/"
          + TrainingPlan.DEFAULT_EXPORT + ")")),
      Map.entry("checkpoint-every", new OptionSpecs.Help("N", "also write a checkpoint every N steps (0: only after"
          + " each epoch)")),
      Map.entry("keep-checkpoints", new OptionSpecs.Help("N", "how many of the newest checkpoints to keep")),
      Map.entry("log-every", new OptionSpecs.Help("N", "without a terminal, print a progress line every N steps (0:"
          + " about every 30 seconds)")),
      Map.entry("overwrite", new OptionSpecs.Help(null, "write over an existing run directory and replace an existing export"
          + " directory")))))
      .value("resume", "RUN_DIR", null, "continue the stopped run in RUN_DIR from its latest"
          + " checkpoint with its recorded options; --epochs may be raised, schedule, evaluation,"
          + " device and checkpoint options changed, options marked fixed not");

  private TrainOptionHelp() {}

  /** {@code specs} with {@link #FIXED_NOTE} after the help of each fixed option. */
  private static OptionSpecs fixedNoted(OptionSpecs specs) {
    OptionSpecs noted = new OptionSpecs();
    for (OptionSpecs.Entry entry : specs.entries().values()) {
      String description = entry.description() + (entry.fixed() ? FIXED_NOTE : "");
      if (entry.isFlag()) {
        noted.flag(entry.name(), description);
      } else {
        noted.value(entry.name(), entry.argName(), entry.defaultValue(), description);
      }
    }
    return noted;
  }
}
