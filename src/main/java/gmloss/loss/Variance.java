package gmloss.loss;

/**
 * Learned class variances of the Caffe layer (all optional): none (identity covariance, as in the
 * authors' TensorFlow code), one per class, or one per class and feature dimension.
 *
 * @param shape which variances exist: the covariance's structure
 * @param parameterisation how a variable becomes a positive variance
 * @param learningRateMultiplier scales the learning rate of the variances; 0 freezes them
 */
public record Variance(Structure shape, Parameterisation parameterisation,
    float learningRateMultiplier) {

  public static final Variance NONE = new Variance(Structure.NONE, Parameterisation.LINEAR, 0f);
  public static final float CLAMP_OFFSET = 1e-4f;

  /** Identity covariance, one variance per class, or one per class and dimension. */
  public enum Structure { NONE, ISOTROPIC, DIAGONAL }

  public enum Parameterisation {
    /** Caffe: the variable is the variance, used as relu(sigma) + 1e-4; starts at 1. */
    LINEAR,
    /** The variable is log(sigma), so sigma = exp(v) is positive by construction; starts at 0. */
    LOG
  }

  public boolean learned() {
    return shape != Structure.NONE;
  }
}
