package gmloss.network;

import gmloss.loss.ClassCentres;
import gmloss.loss.ClassifierHead;
import gmloss.loss.CrossEntropy;
import gmloss.model.FeatureExtractor;
import gmloss.model.Mode;
import gmloss.model.Parameters;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A whole classifier in one graph: normalisation of raw pixels, the spec's network (the ResNet,
 * or a program's own) and the head of the spec's head type. Raw pixels are float32 values 0..255 in NHWC layout; the training statistics
 * are constants inside the graph, so callers never normalise.
 */
public final class Network {

  private final Ops tf;
  private final ModelSpec spec;
  private final Parameters parameters;
  private final FeatureExtractor trunk;
  private final ClassifierHead head;

  public Network(Ops tf, ModelSpec spec, long seed) {
    this.tf = tf;
    this.spec = spec;
    this.parameters = new Parameters(tf, seed);
    this.trunk = spec.networkType().build(parameters, spec);
    this.head = spec.headType().build(parameters, spec.numClasses(), trunk.featureDim(),
        spec.headStructure());
  }

  public ModelSpec spec() {
    return spec;
  }

  public Parameters parameters() {
    return parameters;
  }

  public ClassifierHead head() {
    return head;
  }

  /** Features of raw images on the given path. */
  public Operand<TFloat32> features(Operand<TFloat32> rawImages, Mode mode) {
    return trunk.features(normalize(rawImages), mode);
  }

  private Operand<TFloat32> normalize(Operand<TFloat32> rawImages) {
    Operand<TFloat32> mean = tf.constant(spec.normalization().mean());
    Operand<TFloat32> inverseStd = tf.constant(reciprocal(spec.normalization().std()));
    return tf.math.mul(tf.math.sub(rawImages, mean), inverseStd);
  }

  private static float[] reciprocal(float[] values) {
    float[] result = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = 1f / values[i];
    }
    return result;
  }

  /**
   * The inference path: batch norm with moving statistics, margin-free logits, no labels. A head
   * with class centres adds each image's distances to them and the log-likelihood log N(x; c_k,
   * Sigma_k) + D/2 log(2 pi) of its predicted class k (with the GM paper's likelihood, the class
   * of highest likelihood).
   */
  public Inference infer(Operand<TFloat32> rawImages) {
    Operand<TFloat32> features = features(rawImages, Mode.INFER);
    Operand<TFloat32> logits = head.logits(features);
    Operand<TInt64> classes = tf.math.argMax(logits, tf.constant(1));
    Optional<ClassCentres> centres = head.centres();
    Optional<Operand<TFloat32>> distances = centres.map(c -> c.distances(features));
    return new Inference(features, logits, tf.nn.softmax(logits), classes, distances,
        centres.map(c -> ofPredicted(c.logDensities(distances.get()), classes)));
  }

  /** Each row's entry at its predicted class. */
  private Operand<TFloat32> ofPredicted(Operand<TFloat32> perClass, Operand<TInt64> classes) {
    Operand<TFloat32> predicted = CrossEntropy.oneHot(tf, classes, spec.numClasses());
    return tf.sum(tf.math.mul(predicted, perClass), tf.constant(1));
  }
}
