package gmloss.detect;

import gmloss.io.Numbers;
import java.util.Locale;
import java.util.Random;

/**
 * An untargeted gradient-sign attack on raw pixels (0..255): FGSM, one step of size epsilon
 * (Goodfellow et al. 2015), or PGD, {@code steps} steps of {@code stepSize}, each projected back
 * onto the epsilon ball, from a random point in the ball (Madry et al. 2018) or from the image
 * itself (the basic iterative method of Kurakin et al. 2017). Every image it returns lies in the
 * L-infinity ball of radius epsilon around its clean image and in 0..255.
 *
 * @param epsilon radius of the ball, in pixel units of 0..255
 * @param steps PGD steps (FGSM takes one step of epsilon)
 * @param stepSize PGD step, in pixel units
 * @param seed of PGD's random start
 * @param start where PGD starts
 */
public record Attack(Kind kind, float epsilon, int steps, float stepSize, long seed,
    Start start) {

  public enum Kind { FGSM, PGD }

  /** Where PGD starts: a uniformly random point in the epsilon ball, or the clean image. */
  public enum Start { RANDOM, IMAGE }

  /** An attack whose PGD starts at a random point in the ball, as Madry et al.'s. */
  public Attack(Kind kind, float epsilon, int steps, float stepSize, long seed) {
    this(kind, epsilon, steps, stepSize, seed, Start.RANDOM);
  }

  /** The gradient of the attacked loss with respect to a batch of images, in their layout. */
  @FunctionalInterface
  public interface LossGradient {
    float[] of(float[] pixels, int[] labels);
  }

  public Attack {
    if (!(epsilon > 0 && epsilon <= 255)) {
      throw new IllegalArgumentException("epsilon " + epsilon + " outside (0, 255]");
    }
    if (kind == Kind.PGD && (steps < 1 || !(stepSize > 0))) {
      throw new IllegalArgumentException("PGD needs steps >= 1 and a step size > 0");
    }
  }

  /** The attack in words, as a report names it. */
  public String describe() {
    return kind == Kind.FGSM
        ? String.format(Locale.ROOT, "FGSM, epsilon %s of 255", Numbers.compact(epsilon))
        : String.format(Locale.ROOT, "PGD, epsilon %s of 255, %s, %d steps of %s",
            Numbers.compact(epsilon), start == Start.RANDOM ? "random start" : "starting at the"
                + " image", steps, Numbers.compact(stepSize));
  }

  /** Adversarial versions of {@code clean} (raw NHWC values) for its {@code labels}. */
  public float[] perturb(float[] clean, int[] labels, LossGradient gradient) {
    if (kind == Kind.FGSM) {
      return ascend(clean, clean, epsilon, gradient.of(clean, labels));
    }
    float[] adversarial = clean.clone();
    if (start == Start.RANDOM) {
      Random random = new Random(seed);
      for (int i = 0; i < clean.length; i++) {
        adversarial[i] = clean[i] + epsilon * (2 * random.nextFloat() - 1);
      }
      project(adversarial, clean);
    }
    for (int step = 0; step < steps; step++) {
      adversarial = ascend(adversarial, clean, stepSize, gradient.of(adversarial, labels));
    }
    return adversarial;
  }

  /** One step of {@code size} along the sign of the gradient, projected. */
  private float[] ascend(float[] from, float[] clean, float size, float[] gradient) {
    float[] next = new float[from.length];
    for (int i = 0; i < from.length; i++) {
      next[i] = from[i] + size * Math.signum(gradient[i]);
    }
    project(next, clean);
    return next;
  }

  /** Clips every value to the epsilon ball around its clean value and to 0..255. */
  private void project(float[] values, float[] clean) {
    for (int i = 0; i < values.length; i++) {
      float low = Math.max(0f, clean[i] - epsilon);
      float high = Math.min(255f, clean[i] + epsilon);
      values[i] = Math.min(high, Math.max(low, values[i]));
    }
  }
}
