package gmloss.run;

import gmloss.data.DataHome;
import gmloss.data.DatasetKind;
import gmloss.loss.HeadTypes;
import gmloss.options.OptionSpecs;

/**
 * The options of a training run, with their defaults: what {@code gmloss train} takes, what
 * {@link TrainSettings} sets, and what {@code run.json} records and a resume reads back.
 */
public final class TrainOptions {

  /** What the command line and the help say the options do. */
  public static final String SUMMARY = "Trains a ResNet-(6n+2) with the large-margin Gaussian"
      + " mixture loss (or another head) and writes a checkpoint, metrics and a SavedModel.";

  public static final OptionSpecs SPECS = new OptionSpecs()
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
      .value("network", "NAME", "resnet", "the network: resnet, or one a Java program"
          + " registered (NetworkTypes.register)")
      .value("depth", "D", "20", "ResNet depth, 6n+2: 20, 32, 44, 56, 110")
      .value("feature-dim", "D", "0",
          "add a linear layer to a D-dimensional feature (0: the 64-d pooled feature)")
      .value("loss", "NAME", "gm", "the loss and its head: " + HeadTypes.names() + " (list"
          + " below)")
      .value("alpha", "A", "0.1", "GM margin alpha (>= 0), applied to the true class in training")
      .value("alpha-schedule", "S", "constant", "constant; ramp:E[:S]: from S x alpha at epoch 0"
          + " linearly to alpha at epoch E (S = 0.1 if omitted, as TPAMI); stepup:N:G:MAX: x G"
          + " every N steps, at most MAX (Caffe)")
      .value("lambda", "L", "0.1", "weight lambda (>= 0) of GM's likelihood term, or of the"
          + " center loss's centre term; both 1/2 ||x - mu_y||^2 convention")
      .value("lambda-schedule", "S", "ramp:1", "as --alpha-schedule, for lambda (ramp start S"
          + " = 0.01 if omitted, as TPAMI); the default ramps over the first epoch")
      .value("center-alpha", "A", "0.5", "center loss: the rate alpha (>= 0) at which the"
          + " centres follow their classes' features (Wen et al.: 0.5)")
      .value("center-alpha-schedule", "S", "constant", "as --alpha-schedule, for"
          + " --center-alpha")
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
      .value("warmup-epochs", "E", "1", "linear warm-up to --lr over E epochs (0: none); shorter"
          + " than --epochs, or the rate never decays: the default is then cut to a tenth of the"
          + " run")
      .value("warmup-lr", "RATE", null,
          "hold this rate during warm-up instead of a linear ramp (as gluon_GMLoss)")
      .value("weight-decay", "WD", "5e-4",
          "L2 weight decay on convolution, linear and GM-mean weights (gradient wd * w)")
      .value("decay-all", "BOOL", "false", "weight-decay batch-norm scale and shift and"
          + " biases too (all but the variances), as the reference implementations do: true or"
          + " false")
      .value("decay-means", "BOOL", "true", "weight-decay the GM class means, which pulls them"
          + " towards the origin: true or false")
      .value("means-lr-mult", "M", "1", "learning-rate multiplier of the GM class means (Caffe's"
          + " lr_mult; its CIFAR example uses 2)")
      .value("epochs", "N", "6", "training epochs")
      .value("batch-size", "N", "128", "training batch size")
      .value("eval-batch-size", "N", "500", "evaluation batch size")
      .value("seed", "N", "42", "seed of initialisation, shuffling and augmentation")
      .value("device", "NAME", "auto", "cpu, gpu or auto (GPU if TensorFlow sees one)")
      .value("threads", "N", "0", "threads of each TensorFlow pool, intra-op and inter-op (0:"
          + " TensorFlow's choice)")
      .value("precision", "KIND", "fp32", "arithmetic of training: fp32, or bf16 (bfloat16"
          + " products with float32 weights; about twice as fast on a CPU with AMX); the model"
          + " is float32 either way")
      .value("run-name", "NAME", null, "name of the run (default: <dataset>-<loss>-"
          + "resnet<depth>-<date>-<time>)")
      .value("run-dir", "DIR", null, "logs, metrics and checkpoints (default: runs/<run-name>)")
      .value("export-dir", "DIR", null, "SavedModel destination (default: <run-dir>/"
          + TrainingPlan.DEFAULT_EXPORT + ")")
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
          + " directory");

  private TrainOptions() {}
}
