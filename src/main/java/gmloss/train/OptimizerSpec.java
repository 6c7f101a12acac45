package gmloss.train;

import gmloss.model.Parameters;

/**
 * The optimizer and its constants. Weight decay is wd/2 ||w||^2 added to the loss for every
 * decayed parameter (gradient wd * w, as Caffe's and PyTorch's weight_decay): weights always,
 * class means learned by gradient (GM's) when {@code decayMeans}, batch-norm scale and shift
 * and biases when {@code decayScaleAndShift}, learned variances never.
 *
 * @param decayMeans whether class means learned by gradient are decayed; decay pulls them
 *     towards the origin, away from the centres of their classes' features
 * @param meansLearningRateMultiplier those means' rate relative to the others (Caffe's
 *     {@code lr_mult})
 */
public record OptimizerSpec(Kind kind, float momentum, boolean nesterov, float weightDecay,
    boolean decayScaleAndShift, float meansLearningRateMultiplier, boolean decayMeans) {

  public enum Kind { SGD, MOMENTUM, ADAM }

  /** Whether weight decay applies to {@code parameter}. */
  public boolean decays(Parameters.Trainable parameter) {
    return switch (parameter.role()) {
      case WEIGHT -> true;
      case MEANS -> decayMeans;
      case SCALE_AND_SHIFT -> decayScaleAndShift;
      case VARIANCES -> false;
    };
  }

  /** The learning-rate multiplier of {@code parameter}. */
  public float learningRateMultiplier(Parameters.Trainable parameter) {
    return parameter.learningRateMultiplier()
        * (parameter.role() == Parameters.Role.MEANS ? meansLearningRateMultiplier : 1f);
  }
}
