package gmloss.run;

import gmloss.io.EnumNames;
import gmloss.io.Numbers;
import gmloss.loss.CenterLossType;
import gmloss.loss.GmHeadType;
import gmloss.loss.HeadTypes;
import gmloss.loss.HyperParameter;
import gmloss.loss.MeansInit;
import gmloss.loss.Variance;
import gmloss.options.Setting;
import gmloss.train.LearningRateSchedule;
import gmloss.train.OptimizerSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Option presets that reproduce the training recipes of the reference implementations. A recipe
 * fills in defaults; options given on the command line still win. Recipes written for a longer
 * run than {@code --epochs} have their epoch counts scaled down in proportion.
 */
public enum Recipe {
  /** The authors' TensorFlow demo: alpha 0.1 and lambda 0.01 fixed, Glorot-uniform means. */
  TF_DEMO(0, "alpha 0.1, lambda 0.01 fixed (TensorFlow demo), Nesterov 0.9, wd 5e-4,"
      + " Glorot-uniform means") {
    @Override
    void fill(Presets presets, double scale) {
      gm(presets, "0.1", "constant", "0.01", "constant");
      presets.put(GmHeadType.MEANS_INIT, MeansInit.GLOROT);
    }
  },
  /**
   * The authors' Caffe CIFAR-100 example (examples/cifar100/simple): 300 epochs (120,000
   * iterations of batch 128), lr 0.1 divided by 10 at 50% and 75%, alpha 0.1 doubled every 5,000
   * iterations up to 0.3, lambda 0.1, He-initialised means at twice the learning rate, and
   * isotropic variances that stay at 1 ({@code update_sigma: false}, {@code lr_mult: 0}).
   */
  CAFFE(300, "alpha 0.1 x2 every 5000 iterations up to 0.3, lambda 0.1, He means at lr"
      + " x2, isotropic variances frozen at 1, lr 0.1 /10 at 50%/75%, batch 128, Nesterov, wd"
      + " 5e-4") {
    @Override
    void fill(Presets presets, double scale) {
      gm(presets, "0.1", "stepup:" + Math.max(1, Math.round(5000 * scale)) + ":2:0.3", "0.1",
          "constant");
      steps(presets, "50%,75%", 0.1f);
      presets.put(TrainOptions.BATCH_SIZE, 128);
      presets.put(GmHeadType.MEANS_INIT, MeansInit.HE);
      presets.put(GmHeadType.MEANS_LR_MULT, 2f);
      presets.put(GmHeadType.VARIANCE, Variance.Structure.ISOTROPIC);
      presets.put(GmHeadType.VARIANCE_LR_MULT, 0f);
    }
  },
  /**
   * The TPAMI code for ResNet-20 on CIFAR-10: 300 epochs, alpha 0.3 and lambda 0.1 (without the
   * 1/2, so 0.2 here) ramped over the first 30 epochs, lr 0.1 divided by 10 at 50% and 75%.
   */
  TPAMI(300, "alpha 0.3 and lambda 0.2 (0.1 full-square) ramped over 30 epochs,"
      + " lr 0.1 /10 at 50%/75%, Nesterov, wd 5e-4") {
    @Override
    void fill(Presets presets, double scale) {
      String ramp = "ramp:" + Numbers.compact(30 * scale);
      gm(presets, "0.3", ramp, "0.2", ramp);
      steps(presets, "50%,75%", 0.1f);
    }
  },
  /**
   * The gluon_GMLoss port: 400 epochs, 10 epochs at lr 0.01 then 0.1, halved at epochs 100, 150,
   * ..., 350; alpha 0.1, lambda 0.1, He-initialised means of a 10-d feature (its network ends in
   * a 10-unit linear layer). The port also doubles alpha once, after 5,000 calls of its loss
   * block, a point that depends on its GPU count; that is not reproduced.
   */
  GLUON(400, "10 epochs at lr 0.01, then 0.1 x0.5 at epochs 100, 150, ..., 350 of 400;"
      + " alpha 0.1, lambda 0.1, He-initialised means, 10-d feature") {
    @Override
    void fill(Presets presets, double scale) {
      gm(presets, "0.1", "constant", "0.1", "constant");
      String milestones = IntStream.rangeClosed(2, 7)
          .mapToObj(k -> Numbers.compact(50 * k * scale)).collect(Collectors.joining(","));
      steps(presets, milestones, 0.5f);
      presets.put(TrainOptions.WARMUP_EPOCHS, (float) (10 * scale));
      presets.put(TrainOptions.WARMUP_LR, 0.01f);
      presets.put(GmHeadType.MEANS_INIT, MeansInit.HE);
      presets.put(TrainOptions.FEATURE_DIM, 10);
      // Its variances (unused unless --variance is given) learn at 0.01 of the rate.
      presets.put(GmHeadType.VARIANCE_LR_MULT, 0.01f);
    }
  },
  /** He et al. (2016): softmax, momentum 0.9 without Nesterov, wd 1e-4, lr /10 at 50%, 75%. */
  HE_SOFTMAX(0, "softmax baseline of He et al.: momentum 0.9, wd 1e-4,"
      + " lr 0.1 /10 at 50%/75%") {
    @Override
    void fill(Presets presets, double scale) {
      presets.put(TrainOptions.LOSS, HeadTypes.SOFTMAX);
      momentum(presets, false, 1e-4f);
      steps(presets, "50%,75%", 0.1f);
    }
  },
  /**
   * The center loss of Wen et al. (ECCV 2016) with their face model's settings: lambda 0.003 and
   * centre rate alpha 0.5, both fixed; momentum 0.9, weight decay 5e-4, lr 0.1 divided by 10 at
   * 16,000 and 24,000 of 28,000 iterations (57% and 86%).
   */
  CENTER(0, "center loss of Wen et al.: lambda 0.003, centre rate 0.5, momentum 0.9, wd 5e-4,"
      + " lr 0.1 /10 at 57%/86%") {
    @Override
    void fill(Presets presets, double scale) {
      presets.put(TrainOptions.LOSS, HeadTypes.CENTER);
      presets.hyperParameter(CenterLossType.LAMBDA, "0.003", "constant");
      presets.hyperParameter(CenterLossType.CENTRE_RATE, "0.5", "constant");
      momentum(presets, false, 5e-4f);
      steps(presets, "57%,86%", 0.1f);
    }
  };

  private final int nativeEpochs;
  private final String summary;

  Recipe(int nativeEpochs, String summary) {
    this.nativeEpochs = nativeEpochs;
    this.summary = summary;
  }

  abstract void fill(Presets presets, double scale);

  public String cliName() {
    return EnumNames.of(this);
  }

  /** Presets for a run of {@code epochs} epochs. */
  public Map<String, String> presets(int epochs) {
    Presets presets = new Presets();
    fill(presets, scale(epochs));
    // Each reference decays every trained parameter but the variances (Caffe's decay_mult 1,
    // the TF demo's all trainables, weight_decay on all parameters in PyTorch and Gluon).
    presets.put(TrainOptions.DECAY_ALL, true);
    return presets.values;
  }

  /** epochs / native length when the recipe was written for more epochs, else 1. */
  public double scale(int epochs) {
    return nativeEpochs > epochs ? (double) epochs / nativeEpochs : 1.0;
  }

  /** What scaling did, for the start of the log; empty when nothing was scaled. */
  public Optional<String> scalingNote(int epochs) {
    return scale(epochs) < 1 ? Optional.of(String.format(Locale.ROOT,
        "recipe %s was written for %d epochs; its epoch counts are scaled by %s for %d",
        cliName(), nativeEpochs, Numbers.compact(scale(epochs)), epochs)) : Optional.empty();
  }

  public static Optional<Recipe> fromCliName(String name) {
    return EnumNames.parse(Recipe.class, name);
  }

  public static String helpText() {
    return Arrays.stream(values()).map(r -> "  " + r.cliName() + ": " + r.summary)
        .collect(Collectors.joining("\n"));
  }

  public static String cliNames() {
    return EnumNames.choices(Recipe.class);
  }

  private static void gm(Presets presets, String alpha, String alphaSchedule, String lambda,
      String lambdaSchedule) {
    presets.put(TrainOptions.LOSS, HeadTypes.GM);
    presets.hyperParameter(GmHeadType.ALPHA, alpha, alphaSchedule);
    presets.hyperParameter(GmHeadType.LAMBDA, lambda, lambdaSchedule);
    momentum(presets, true, 5e-4f);
  }

  /** Momentum 0.9, as every reference trains. */
  private static void momentum(Presets presets, boolean nesterov, float weightDecay) {
    presets.put(TrainOptions.OPTIMIZER, OptimizerSpec.Kind.MOMENTUM);
    presets.put(TrainOptions.MOMENTUM, 0.9f);
    presets.put(TrainOptions.NESTEROV, nesterov);
    presets.put(TrainOptions.WEIGHT_DECAY, weightDecay);
  }

  /** lr 0.1 without warm-up, multiplied by {@code factor} at each milestone. */
  private static void steps(Presets presets, String milestones, float factor) {
    presets.put(TrainOptions.LEARNING_RATE, 0.1f);
    presets.put(TrainOptions.LR_SCHEDULE, LearningRateSchedule.Decay.STEP);
    presets.put(TrainOptions.LR_STEPS, milestones);
    presets.put(TrainOptions.LR_DECAY, factor);
    presets.put(TrainOptions.WARMUP_EPOCHS, 0f);
  }

  /** A recipe's values by setting name, each checked against its setting as it is put. */
  static final class Presets {

    private final Map<String, String> values = new LinkedHashMap<>();

    <T> void put(Setting<T> setting, T value) {
      values.put(setting.name(), setting.text(value));
    }

    /** A hyper-parameter's value and schedule, as text: "ramp:30" keeps the parameter's start. */
    void hyperParameter(HyperParameter parameter, String value, String schedule) {
      putText(TrainOptions.value(parameter), value);
      putText(TrainOptions.schedule(parameter), schedule);
    }

    private void putText(Setting<?> setting, String text) {
      setting.check(text);
      values.put(setting.name(), text);
    }
  }
}
