package gmloss.loss;

import gmloss.model.Parameters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The center loss (Wen et al., ECCV 2016), the other feature-distribution loss the L-GM paper
 * compares with: softmax cross entropy plus a pull of each feature to its class centre, the
 * centres following their classes' features at their own rate rather than by gradient.
 *
 * <pre>
 *   L_S   = mean_i CE(softmax(W x_i + b), y_i)
 *   L_C   = mean_i 1/2 ||x_i - c_y_i||^2
 *   L     = L_S + lambda L_C
 *   dc_j  = sum_{i: y_i = j} (c_j - x_i) / (1 + n_j)      n_j: examples of class j in the batch
 *   c_j   &lt;- c_j - alpha dc_j                              after each step
 * </pre>
 *
 * <p>The centres start at the origin and are neither trained by gradient nor weight-decayed.
 * Prediction uses the softmax logits; the centres give distances and log-likelihoods under unit
 * Gaussians, as the GM means do.
 */
public final class CenterLossHead implements ClassifierHead, ClassCentres {

  /** The weight of L_C among the loss's weights. */
  public static final String LAMBDA = "lambda";
  /** The centres' rate alpha among the loss's weights. */
  public static final String ALPHA = "center-alpha";
  static final String CENTRES_VARIABLE = "center_centres";

  private final Ops tf;
  private final SoftmaxHead softmax;
  private final Variable<TFloat32> centres;
  private final Operand<TFloat32> centresValue;
  private final int numClasses;

  public CenterLossHead(Parameters parameters, int featureDim, int numClasses) {
    this.tf = parameters.tf();
    this.softmax = new SoftmaxHead(parameters, featureDim, numClasses);
    this.centres = parameters.statistic(CENTRES_VARIABLE,
        parameters.init().constant(Shape.of(numClasses, featureDim), 0f));
    // Read through identity, as trained variables are: ops on a raw variable broke gradients.
    this.centresValue = tf.identity(centres);
    this.numClasses = numClasses;
  }

  /** The loss's weights: lambda of L_C and the centres' rate alpha. */
  public static LossWeights weights(Operand<TFloat32> lambda, Operand<TFloat32> alpha) {
    return new LossWeights(Map.of(LAMBDA, lambda, ALPHA, alpha));
  }

  @Override
  public Operand<TFloat32> logits(Operand<TFloat32> features) {
    return softmax.logits(features);
  }

  @Override
  public LossTerms loss(Operand<TFloat32> features, Operand<TInt32> labels, LossWeights weights) {
    // L_S = mean_i CE(softmax(W x_i + b), y_i)
    Operand<TFloat32> classification = softmax.loss(features, labels, weights).classification();
    // L_C = mean_i 1/2 ||x_i - c_y_i||^2
    Operand<TFloat32> centreTerm = tf.math.mean(
        HalfSquaredDistances.toOwn(tf, features, centresValue, labels), tf.constant(0));
    // L = L_S + lambda L_C
    Operand<TFloat32> total = tf.math.add(classification,
        tf.math.mul(weights.get(LAMBDA), centreTerm));
    return new LossTerms(total, classification, centreTerm);
  }

  @Override
  public List<Op> updates(Ops after, Operand<TFloat32> features, Operand<TInt32> labels,
      LossWeights weights) {
    Operand<TFloat32> oneHot = CrossEntropy.oneHot(after, labels, numClasses);
    // n_j, and sum_{i: y_i = j} x_i
    Operand<TFloat32> counts = after.sum(oneHot, after.constant(0));
    Operand<TFloat32> featureSums = after.linalg.matMul(oneHot, features,
        MatMul.transposeA(true));
    // dc_j = (n_j c_j - sum_{i: y_i = j} x_i) / (1 + n_j)
    Operand<TFloat32> perClass = after.expandDims(counts, after.constant(1));
    Operand<TFloat32> change = after.math.div(
        after.math.sub(after.math.mul(perClass, centresValue), featureSums),
        after.math.add(perClass, after.constant(1f)));
    // c_j <- c_j - alpha dc_j
    return List.of(after.assignSub(centres, after.math.mul(weights.get(ALPHA), change)));
  }

  @Override
  public Optional<ClassCentres> centres() {
    return Optional.of(this);
  }

  /** The class centres, [classes, feature dimensions]. */
  @Override
  public Operand<TFloat32> means() {
    return centresValue;
  }

  @Override
  public Operand<TFloat32> distances(Operand<TFloat32> features) {
    return HalfSquaredDistances.toEvery(tf, features, centresValue);
  }

  /** log N(x_i; c_k, I) + D/2 log(2 pi): minus the distance. */
  @Override
  public Operand<TFloat32> logDensities(Operand<TFloat32> distances) {
    return tf.math.neg(distances);
  }
}
