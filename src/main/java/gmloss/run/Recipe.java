package gmloss.run;

import gmloss.io.EnumNames;
import gmloss.io.Numbers;
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
    void fill(Map<String, String> presets, double scale) {
      gm(presets, "0.1", "constant", "0.01", "constant");
      presets.put("means-init", "glorot");
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
    void fill(Map<String, String> presets, double scale) {
      gm(presets, "0.1", "stepup:" + Math.max(1, Math.round(5000 * scale)) + ":2:0.3", "0.1",
          "constant");
      steps(presets, "0.1", "50%,75%", "0.1");
      presets.put("batch-size", "128");
      presets.put("means-init", "he");
      presets.put("means-lr-mult", "2");
      presets.put("variance", "isotropic");
      presets.put("variance-lr-mult", "0");
    }
  },
  /**
   * The TPAMI code for ResNet-20 on CIFAR-10: 300 epochs, alpha 0.3 and lambda 0.1 (without the
   * 1/2, so 0.2 here) ramped over the first 30 epochs, lr 0.1 divided by 10 at 50% and 75%.
   */
  TPAMI(300, "alpha 0.3 and lambda 0.2 (0.1 full-square) ramped over 30 epochs,"
      + " lr 0.1 /10 at 50%/75%, Nesterov, wd 5e-4") {
    @Override
    void fill(Map<String, String> presets, double scale) {
      String ramp = "ramp:" + Numbers.compact(30 * scale);
      gm(presets, "0.3", ramp, "0.2", ramp);
      steps(presets, "0.1", "50%,75%", "0.1");
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
    void fill(Map<String, String> presets, double scale) {
      gm(presets, "0.1", "constant", "0.1", "constant");
      String milestones = IntStream.rangeClosed(2, 7)
          .mapToObj(k -> Numbers.compact(50 * k * scale)).collect(Collectors.joining(","));
      steps(presets, "0.1", milestones, "0.5");
      presets.put("warmup-epochs", Numbers.compact(10 * scale));
      presets.put("warmup-lr", "0.01");
      presets.put("means-init", "he");
      presets.put("feature-dim", "10");
      // Its variances (unused unless --variance is given) learn at 0.01 of the rate.
      presets.put("variance-lr-mult", "0.01");
    }
  },
  /** He et al. (2016): softmax, momentum 0.9 without Nesterov, wd 1e-4, lr /10 at 50%, 75%. */
  HE_SOFTMAX(0, "softmax baseline of He et al.: momentum 0.9, wd 1e-4,"
      + " lr 0.1 /10 at 50%/75%") {
    @Override
    void fill(Map<String, String> presets, double scale) {
      presets.put("loss", "softmax");
      momentum(presets, false, "1e-4");
      steps(presets, "0.1", "50%,75%", "0.1");
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
    void fill(Map<String, String> presets, double scale) {
      presets.put("loss", "center");
      presets.put("lambda", "0.003");
      presets.put("lambda-schedule", "constant");
      presets.put("center-alpha", "0.5");
      presets.put("center-alpha-schedule", "constant");
      momentum(presets, false, "5e-4");
      steps(presets, "0.1", "57%,86%", "0.1");
    }
  };

  private final int nativeEpochs;
  private final String summary;

  Recipe(int nativeEpochs, String summary) {
    this.nativeEpochs = nativeEpochs;
    this.summary = summary;
  }

  abstract void fill(Map<String, String> presets, double scale);

  public String cliName() {
    return EnumNames.of(this);
  }

  /** Presets for a run of {@code epochs} epochs. */
  public Map<String, String> presets(int epochs) {
    Map<String, String> presets = new LinkedHashMap<>();
    fill(presets, scale(epochs));
    // Each reference decays every trained parameter but the variances (Caffe's decay_mult 1,
    // the TF demo's all trainables, weight_decay on all parameters in PyTorch and Gluon).
    presets.put("decay-all", "true");
    return presets;
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

  private static void gm(Map<String, String> presets, String alpha, String alphaSchedule,
      String lambda, String lambdaSchedule) {
    presets.put("loss", "gm");
    presets.put("alpha", alpha);
    presets.put("alpha-schedule", alphaSchedule);
    presets.put("lambda", lambda);
    presets.put("lambda-schedule", lambdaSchedule);
    momentum(presets, true, "5e-4");
  }

  /** Momentum 0.9, as every reference trains. */
  private static void momentum(Map<String, String> presets, boolean nesterov,
      String weightDecay) {
    presets.put("optimizer", "momentum");
    presets.put("momentum", "0.9");
    presets.put("nesterov", Boolean.toString(nesterov));
    presets.put("weight-decay", weightDecay);
  }

  private static void steps(Map<String, String> presets, String lr, String milestones,
      String factor) {
    presets.put("lr", lr);
    presets.put("lr-schedule", "step");
    presets.put("lr-steps", milestones);
    presets.put("lr-decay", factor);
    presets.put("warmup-epochs", "0");
  }
}
