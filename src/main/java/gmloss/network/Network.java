package gmloss.network;

import gmloss.loss.ClassifierHead;
import gmloss.loss.CrossEntropy;
import gmloss.loss.GaussianMixtureLayer;
import gmloss.loss.GmHead;
import gmloss.loss.SoftmaxHead;
import gmloss.model.Mode;
import gmloss.model.Parameters;
import gmloss.model.ResNet;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A whole classifier in one graph: normalisation of raw pixels, the ResNet and the head. Raw
 * pixels are float32 values 0..255 in NHWC layout; the training statistics are constants inside
 * the graph, so callers never normalise.
 */
public final class Network {

  private final Ops tf;
  private final ModelSpec spec;
  private final Parameters parameters;
  private final ResNet resnet;
  private final ClassifierHead head;
  private final GaussianMixtureLayer mixture;

  public Network(Ops tf, ModelSpec spec, long seed) {
    this.tf = tf;
    this.spec = spec;
    this.parameters = new Parameters(tf, seed);
    this.resnet = ResNet.builder(tf).parameters(parameters).depth(spec.depth())
        .inputChannels(spec.channels()).featureDim(spec.featureDim()).build();
    if (spec.head() == HeadKind.GM) {
      GmHead gm = GmHead.builder(tf, spec.numClasses(), resnet.featureDim())
          .parameters(parameters).meansInit(spec.meansInit()).variance(spec.variance())
          .likelihood(spec.likelihood()).build();
      mixture = gm.layer();
      head = gm;
    } else {
      mixture = null;
      head = new SoftmaxHead(parameters, resnet.featureDim(), spec.numClasses());
    }
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

  /** The GM layer, for GM networks. */
  public Optional<GaussianMixtureLayer> mixture() {
    return Optional.ofNullable(mixture);
  }

  /** Features of raw images on the given path. */
  public Operand<TFloat32> features(Operand<TFloat32> rawImages, Mode mode) {
    return resnet.features(normalize(rawImages), mode);
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
   * The inference path: batch norm with moving statistics, margin-free logits, no labels. A GM
   * network's log-likelihood is log N(x; mu_k, Sigma_k) + D/2 log(2 pi) of the predicted class k;
   * with the paper's likelihood that class is the one of highest likelihood.
   */
  public Inference infer(Operand<TFloat32> rawImages) {
    Operand<TFloat32> features = features(rawImages, Mode.INFER);
    Operand<TFloat32> logits = head.logits(features);
    Operand<TInt64> classes = tf.math.argMax(logits, tf.constant(1));
    Optional<Operand<TFloat32>> distances = Optional.empty();
    Optional<Operand<TFloat32>> logLikelihood = Optional.empty();
    if (mixture != null) {
      Operand<TFloat32> d = mixture.distances(features);
      distances = Optional.of(d);
      logLikelihood = Optional.of(ofPredicted(
          mixture.minusHalfLogDeterminants(tf.math.neg(d)), classes));
    }
    return new Inference(features, logits, tf.nn.softmax(logits), classes, distances,
        logLikelihood);
  }

  /** Each row's entry at its predicted class. */
  private Operand<TFloat32> ofPredicted(Operand<TFloat32> perClass, Operand<TInt64> classes) {
    Operand<TFloat32> predicted = CrossEntropy.oneHot(tf, classes, spec.numClasses());
    return tf.sum(tf.math.mul(predicted, perClass), tf.constant(1));
  }
}
