package gmloss.train;

import gmloss.model.Parameters;

/**
 * The optimizer and its constants. Weight decay is wd/2 ||w||^2 added to the loss for every
 * decayed parameter (gradient wd * w, as Caffe's and PyTorch's weight_decay): weights and GM
 * means always, batch-norm scale and shift and biases when {@code decayScaleAndShift}, learned
 * variances never.
 *
 * @param meansLearningRateMultiplier the GM means' rate relative to the others (Caffe's
 *     {@code lr_mult})
 */
public record OptimizerSpec(Kind kind, float momentum, boolean nesterov, float weightDecay,
    boolean decayScaleAndShift, float meansLearningRateMultiplier) {

  public enum Kind { SGD, MOMENTUM, ADAM }

  /** Whether weight decay applies to {@code parameter}. */
  public boolean decays(Parameters.Trainable parameter) {
    return switch (parameter.role()) {
      case WEIGHT, MEANS -> true;
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
