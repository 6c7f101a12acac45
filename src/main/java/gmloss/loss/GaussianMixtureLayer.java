package gmloss.loss;

import gmloss.model.Parameters;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The GM layer: one learned mean per class (and optionally learned variances), and the distances
 * of features to every mean. It knows nothing of margins or labels' use in the loss.
 */
public final class GaussianMixtureLayer implements ClassCentres {

  /** The name of the means' variable in a graph whose parameters have no prefix. */
  static final String MEANS_VARIABLE = "gm_means";

  private final Ops tf;
  private final Operand<TFloat32> means;
  private final Operand<TFloat32> variances;
  private final Variance variance;
  private final int featureDim;

  public GaussianMixtureLayer(Parameters parameters, int numClasses, int featureDim,
      MeansInit meansInit, Variance variance) {
    this.tf = parameters.tf();
    this.variance = variance;
    this.featureDim = featureDim;
    this.means = parameters.trainable(MEANS_VARIABLE,
        meansInit.initialValue(parameters.init(), numClasses, featureDim), Parameters.Role.MEANS,
        1f);
    this.variances = variance.learned() ? learnedVariances(parameters, numClasses, featureDim)
        : null;
  }

  private Operand<TFloat32> learnedVariances(Parameters parameters, int numClasses,
      int featureDim) {
    Shape shape = variance.shape() == Variance.Structure.ISOTROPIC
        ? Shape.of(numClasses) : Shape.of(numClasses, featureDim);
    boolean log = variance.parameterisation() == Variance.Parameterisation.LOG;
    Operand<TFloat32> raw = parameters.trainable(log ? "gm_log_variances" : "gm_variances",
        parameters.init().constant(shape, log ? 0f : 1f), Parameters.Role.VARIANCES,
        variance.learningRateMultiplier());
    return log ? tf.math.exp(raw)
        : tf.math.add(tf.nn.relu(raw), tf.constant(Variance.CLAMP_OFFSET));
  }

  /** The class means, [classes, feature dimensions]. */
  @Override
  public Operand<TFloat32> means() {
    return means;
  }

  /** The positive variances the distances are divided by: [C] or [C, D]; empty if not learned. */
  @Override
  public Optional<Operand<TFloat32>> variances() {
    return Optional.ofNullable(variances);
  }

  /** log |Sigma_k| for every class [C], when variances are learned. */
  public Optional<Operand<TFloat32>> logDeterminants() {
    if (variances == null) {
      return Optional.empty();
    }
    Operand<TFloat32> logs = tf.math.log(variances);
    return Optional.of(variance.shape() == Variance.Structure.ISOTROPIC
        ? tf.math.mul(logs, tf.constant((float) featureDim))
        : tf.sum(logs, tf.constant(1)));
  }

  /**
   * Per-class scores [N, C] minus 1/2 log|Sigma_k| (unchanged without learned variances): turns
   * -d_ik into log N(x_i; mu_k, Sigma_k) + D/2 log(2 pi).
   */
  public Operand<TFloat32> minusHalfLogDeterminants(Operand<TFloat32> scores) {
    return logDeterminants().<Operand<TFloat32>>map(logDets -> tf.math.sub(scores,
        tf.math.mul(logDets, tf.constant(0.5f)))).orElse(scores);
  }

  /**
   * d[i, k] = 1/2 ||x_i - mu_k||^2 ({@link HalfSquaredDistances}), divided by the variance of
   * class k when variances are learned.
   */
  @Override
  public Operand<TFloat32> distances(Operand<TFloat32> features) {
    if (variances != null && variance.shape() == Variance.Structure.DIAGONAL) {
      return diagonalDistances(features);
    }
    Operand<TFloat32> distances = HalfSquaredDistances.toEvery(tf, features, means);
    return variances == null ? distances : tf.math.div(distances, variances);
  }

  @Override
  public Operand<TFloat32> logDensities(Operand<TFloat32> distances) {
    return minusHalfLogDeterminants(tf.math.neg(distances));
  }

  /** Each coordinate's square divided by its own variance: x^2.(1/s) - 2 x.(mu/s) + sum mu^2/s. */
  private Operand<TFloat32> diagonalDistances(Operand<TFloat32> features) {
    Operand<TFloat32> precision = tf.math.reciprocal(variances);
    Operand<TFloat32> scaledMeans = tf.math.mul(means, precision);
    Operand<TFloat32> first = tf.linalg.matMul(tf.math.square(features), precision,
        MatMul.transposeB(true));
    Operand<TFloat32> cross = tf.linalg.matMul(features, scaledMeans, MatMul.transposeB(true));
    Operand<TFloat32> last = tf.sum(tf.math.mul(scaledMeans, means), tf.constant(1));
    Operand<TFloat32> twice = tf.math.add(
        tf.math.sub(first, tf.math.mul(cross, tf.constant(2f))), last);
    return tf.math.mul(twice, tf.constant(0.5f));
  }

  /**
   * 1/2 ||x_i - mu_{y_i}||^2 per example, computed directly (never negative). Caffe's likelihood
   * term: not divided by the variance.
   */
  public Operand<TFloat32> halfSquaredDistanceToOwnMean(Operand<TFloat32> features,
      Operand<TInt32> labels) {
    return HalfSquaredDistances.toOwn(tf, features, means, labels);
  }

  /**
   * -log N(x_i; mu_{y_i}, Sigma_{y_i}) - D/2 log(2 pi) per example: 1/2 (x_i - mu_y)^T Sigma_y^-1
   * (x_i - mu_y) + 1/2 log|Sigma_y|, computed from the differences (never the expansion), so it
   * is exact where the paper's likelihood term needs it.
   */
  public Operand<TFloat32> negativeLogDensityOfOwnClass(Operand<TFloat32> features,
      Operand<TInt32> labels) {
    if (variances == null) {
      return halfSquaredDistanceToOwnMean(features, labels);
    }
    Operand<TFloat32> squares = tf.math.square(
        tf.math.sub(features, tf.gather(means, labels, tf.constant(0))));
    Operand<TFloat32> ownVariances = tf.gather(variances, labels, tf.constant(0));
    Operand<TFloat32> mahalanobis = variance.shape() == Variance.Structure.ISOTROPIC
        ? tf.math.div(tf.sum(squares, tf.constant(1)), ownVariances)
        : tf.sum(tf.math.div(squares, ownVariances), tf.constant(1));
    Operand<TFloat32> ownLogDeterminants = tf.gather(logDeterminants().orElseThrow(), labels,
        tf.constant(0));
    return tf.math.mul(tf.math.add(mahalanobis, ownLogDeterminants), tf.constant(0.5f));
  }
}
