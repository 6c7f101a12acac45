package gmloss.loss;

import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The L-GM loss (Wan et al., CVPR 2018) over a {@link GaussianMixtureLayer}, with d_ik the
 * layer's distance 1/2 (x_i - mu_k)^T Sigma_k^-1 (x_i - mu_k):
 *
 * <pre>
 *   L_cls = mean_i CE(softmax_k(-(1 + alpha [k = y_i]) d_ik - 1/2 log|Sigma_k|), y_i)
 *   L_lkd = mean_i d_iy_i + 1/2 log|Sigma_y_i|                 (paper)
 *         = mean_i 1/2 ||x_i - mu_y_i||^2                       (Caffe: no variance, no log det)
 *   L     = L_cls + lambda L_lkd
 * </pre>
 *
 * <p>The log-determinant in L_cls is the paper's ({@link Likelihood#PAPER}); Caffe leaves it
 * out. The likelihood term uses the 1/2 convention of the CVPR paper and the authors' TensorFlow
 * code; the TPAMI code's lambda = 0.1 without the 1/2 equals lambda = 0.2 here. Prediction uses
 * the margin-free logits and no label.
 */
public final class LargeMarginGmLoss implements ClassifierHead {

  /** The margin's name among the loss's weights. */
  public static final String ALPHA = "alpha";
  /** The likelihood term's weight's name among the loss's weights. */
  public static final String LAMBDA = "lambda";

  private final Ops tf;
  private final GaussianMixtureLayer layer;
  private final int numClasses;
  private final Likelihood likelihood;

  public LargeMarginGmLoss(Ops tf, GaussianMixtureLayer layer, int numClasses,
      Likelihood likelihood) {
    this.tf = tf;
    this.layer = layer;
    this.numClasses = numClasses;
    this.likelihood = likelihood;
  }

  /** The loss's weights: the margin alpha and the likelihood weight lambda. */
  public static LossWeights weights(Operand<TFloat32> alpha, Operand<TFloat32> lambda) {
    return new LossWeights(Map.of(ALPHA, alpha, LAMBDA, lambda));
  }

  @Override
  public Operand<TFloat32> logits(Operand<TFloat32> features) {
    return classLogits(tf.math.neg(layer.distances(features)));
  }

  @Override
  public LossTerms loss(Operand<TFloat32> features, Operand<TInt32> labels, LossWeights weights) {
    Operand<TFloat32> oneHot = CrossEntropy.oneHot(tf, labels, numClasses);
    // L_cls = mean_i CE(softmax(-(1 + alpha [k = y_i]) d_ik [- 1/2 log|Sigma_k|]), y_i)
    Operand<TFloat32> classification = CrossEntropy.mean(tf,
        classLogits(withMargin(layer.distances(features), oneHot, weights.get(ALPHA))), oneHot);
    // L_lkd = mean_i -log N(x_i; mu_y_i, Sigma_y_i), or Caffe's mean_i 1/2 ||x_i - mu_y_i||^2
    Operand<TFloat32> likelihoodTerm = tf.math.mean(likelihood == Likelihood.PAPER
        ? layer.negativeLogDensityOfOwnClass(features, labels)
        : layer.halfSquaredDistanceToOwnMean(features, labels), tf.constant(0));
    // L = L_cls + lambda L_lkd
    Operand<TFloat32> total = tf.math.add(classification,
        tf.math.mul(weights.get(LAMBDA), likelihoodTerm));
    return new LossTerms(total, classification, likelihoodTerm);
  }

  @Override
  public Optional<ClassCentres> centres() {
    return Optional.of(layer);
  }

  /** The logits L_cls is the cross entropy of: with the margin, and the paper's normaliser. */
  public Operand<TFloat32> marginLogits(Operand<TFloat32> features, Operand<TInt32> labels,
      Operand<TFloat32> alpha) {
    return classLogits(withMargin(layer.distances(features),
        CrossEntropy.oneHot(tf, labels, numClasses), alpha));
  }

  /** The margin: the true class's distance is enlarged by the factor (1 + alpha). */
  Operand<TFloat32> withMargin(Operand<TFloat32> distances, Operand<TFloat32> oneHot,
      Operand<TFloat32> alpha) {
    Operand<TFloat32> factor = tf.math.add(tf.constant(1f), tf.math.mul(alpha, oneHot));
    return tf.math.neg(tf.math.mul(factor, distances));
  }

  /** The paper's normalisation -1/2 log|Sigma_k| added to logits -d_ik; Caffe adds nothing. */
  private Operand<TFloat32> classLogits(Operand<TFloat32> scores) {
    return likelihood == Likelihood.PAPER ? layer.minusHalfLogDeterminants(scores) : scores;
  }
}
