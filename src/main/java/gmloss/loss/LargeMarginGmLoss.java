package gmloss.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The L-GM loss (Wan et al., CVPR 2018) over a {@link GaussianMixtureLayer}:
 *
 * <pre>
 *   L = mean_i CE(softmax(-(1 + alpha [k = y_i]) d_ik), y_i) + lambda mean_i 1/2 ||x_i - mu_y_i||^2
 * </pre>
 *
 * <p>The likelihood term uses the 1/2 convention of the CVPR paper and the authors' TensorFlow
 * code; the TPAMI code's lambda = 0.1 without the 1/2 equals lambda = 0.2 here. Prediction uses
 * the margin-free logits -d_ik and no label.
 */
public final class LargeMarginGmLoss implements ClassifierHead {

  private final Ops tf;
  private final GaussianMixtureLayer layer;
  private final int numClasses;

  public LargeMarginGmLoss(Ops tf, GaussianMixtureLayer layer, int numClasses) {
    this.tf = tf;
    this.layer = layer;
    this.numClasses = numClasses;
  }

  @Override
  public Operand<TFloat32> logits(Operand<TFloat32> features) {
    return tf.math.neg(layer.distances(features));
  }

  @Override
  public LossTerms loss(Operand<TFloat32> features, Operand<TInt32> labels, LossWeights weights) {
    Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(numClasses), tf.constant(1f),
        tf.constant(0f));
    Operand<TFloat32> classification = CrossEntropy.mean(tf,
        marginLogits(layer.distances(features), oneHot, weights.alpha()), oneHot);
    Operand<TFloat32> likelihood = tf.math.mean(
        layer.halfSquaredDistanceToOwnMean(features, labels), tf.constant(0));
    Operand<TFloat32> total = tf.math.add(classification,
        tf.math.mul(weights.lambda(), likelihood));
    return new LossTerms(total, classification, likelihood);
  }

  /** The margin: the true class's distance is enlarged by the factor (1 + alpha). */
  Operand<TFloat32> marginLogits(Operand<TFloat32> distances, Operand<TFloat32> oneHot,
      Operand<TFloat32> alpha) {
    Operand<TFloat32> factor = tf.math.add(tf.constant(1f), tf.math.mul(alpha, oneHot));
    return tf.math.neg(tf.math.mul(factor, distances));
  }
}
