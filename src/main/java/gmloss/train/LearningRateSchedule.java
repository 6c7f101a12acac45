package gmloss.train;

import gmloss.io.Numbers;
import java.util.Arrays;

/**
 * Learning rate per step: an optional warm-up, then constant, multi-step or cosine decay.
 *
 * @param base learning rate after warm-up
 * @param warmup linear (from base / steps to base) or constant (warmupRate) during warm-up
 * @param warmupEpochs warm-up length; 0 for none
 * @param warmupRate the constant warm-up rate
 * @param decay what happens after warm-up
 * @param milestones epochs at which multi-step decay multiplies the rate by {@code factor}
 * @param factor multi-step decay factor
 * @param totalEpochs length of training (cosine decays to 0 at its end)
 */
public record LearningRateSchedule(float base, Warmup warmup, double warmupEpochs,
    float warmupRate, Decay decay, double[] milestones, float factor, int totalEpochs) {

  public enum Warmup { LINEAR, CONSTANT }

  public enum Decay { CONSTANT, STEP, COSINE }

  public float valueAt(Progress progress) {
    double epochs = progress.epochs();
    if (epochs < warmupEpochs) {
      // A warm-up of a fractional number of steps would pass the base rate on its last step.
      return warmup == Warmup.CONSTANT ? warmupRate
          : (float) Math.min(base, base * (progress.iteration() + 1)
              / (warmupEpochs * progress.batchesPerEpoch()));
    }
    return switch (decay) {
      case CONSTANT -> base;
      case STEP -> {
        int passed = (int) Arrays.stream(milestones).filter(m -> epochs >= m).count();
        yield (float) (base * Math.pow(factor, passed));
      }
      case COSINE -> {
        double span = Math.max(totalEpochs - warmupEpochs, 1e-9);
        double done = Math.min((epochs - warmupEpochs) / span, 1.0);
        yield (float) (0.5 * base * (1 + Math.cos(Math.PI * done)));
      }
    };
  }

  private static String epochs(double count) {
    return Numbers.counted(count, "epoch");
  }

  /** One line for the start of a run. */
  public String describe() {
    StringBuilder text = new StringBuilder("lr " + Numbers.compact(base));
    if (warmupEpochs > 0) {
      text.append(warmup == Warmup.CONSTANT
          ? " after " + epochs(warmupEpochs) + " at " + Numbers.compact(warmupRate)
          : " after a linear warm-up of " + epochs(warmupEpochs));
    }
    return text.append(switch (decay) {
      case CONSTANT -> ", constant";
      case STEP -> ", x" + Numbers.compact(factor) + " at epochs " + String.join(", ",
          Arrays.stream(milestones).mapToObj(Numbers::compact).toList());
      case COSINE -> ", cosine to 0 at epoch " + totalEpochs;
    }).toString();
  }
}
