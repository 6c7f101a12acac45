package gmloss.loss;

import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Class centres a head learns in feature space, each the mean of a Gaussian of its class: the GM
 * means (with their variances, when learned) or the center loss's centres (identity covariance).
 * Training measures how well features fit them; exported models give each image's distances and
 * the log-likelihood of its predicted class.
 */
public interface ClassCentres {

  /** The centres, each the mean of its class's Gaussian: [classes, feature dimensions]. */
  Operand<TFloat32> means();

  /** d[i, k] = 1/2 ||x_i - c_k||^2, divided by the variance of class k when it is learned. */
  Operand<TFloat32> distances(Operand<TFloat32> features);

  /**
   * log N(x_i; c_k, Sigma_k) + D/2 log(2 pi) for every class, -d[i, k] - 1/2 log|Sigma_k|, from
   * the {@code distances} that {@link #distances} gave: the inference path computes them once.
   */
  Operand<TFloat32> logDensities(Operand<TFloat32> distances);

  /** The positive variances, [C] or [C, D]; empty for identity covariance. */
  default Optional<Operand<TFloat32>> variances() {
    return Optional.empty();
  }
}
