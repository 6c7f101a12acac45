package gmloss.loss;

import static gmloss.TfTesting.assign;
import static gmloss.TfTesting.matrix;
import static gmloss.TfTesting.scalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gmloss.model.Parameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The GM head on a case small enough to do by hand: features x1 = (2, 0), x2 = (0, 2); means
 * mu0 = (0, 0), mu1 = (1, 1), mu2 = (2, 0); labels (0, 1); alpha = 0.5, lambda = 0.1.
 *
 * <pre>
 *   d(x1) = 1/2 (4, 2, 0) = (2, 1, 0)      d(x2) = 1/2 (4, 2, 8) = (2, 1, 4)
 * </pre>
 */
class LargeMarginGmLossTest {

  private Graph graph;
  private Session session;
  private Ops tf;
  private GaussianMixtureLayer layer;
  private LargeMarginGmLoss loss;

  private Operand<TFloat32> features;
  private Operand<TInt32> labels;

  @BeforeEach
  void build() {
    graph = new Graph();
    tf = Ops.create(graph);
    Parameters parameters = new Parameters(tf, 1);
    layer = new GaussianMixtureLayer(parameters, 3, 2, MeansInit.NORMAL, Variance.NONE);
    loss = new LargeMarginGmLoss(tf, layer, 3, Likelihood.CAFFE);
    features = tf.constant(new float[][] {{2, 0}, {0, 2}});
    labels = tf.constant(new int[] {0, 1});
    session = new Session(graph);
    session.initialize();
    assign(session, tf, parameters.trainables().get(0).variable(),
        tf.constant(new float[][] {{0, 0}, {1, 1}, {2, 0}}));
  }

  @AfterEach
  void close() {
    session.close();
    graph.close();
  }

  @Test
  void distancesAreHalfSquaredEuclidean() {
    float[][] distances = matrix(session, layer.distances(features));
    assertArrayEquals(new float[] {2, 1, 0}, distances[0], 1e-6f);
    assertArrayEquals(new float[] {2, 1, 4}, distances[1], 1e-6f);
  }

  @Test
  void inferenceLogitsAreMarginFreeNegativeDistances() {
    float[][] logits = matrix(session, loss.logits(features));
    assertArrayEquals(new float[] {-2, -1, 0}, logits[0], 1e-6f);
    assertArrayEquals(new float[] {-2, -1, -4}, logits[1], 1e-6f);
  }

  @Test
  void marginEnlargesOnlyTheTrueClassDistance() {
    Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(3), tf.constant(1f),
        tf.constant(0f));
    float[][] margin = matrix(session,
        loss.withMargin(layer.distances(features), oneHot, tf.constant(0.5f)));
    // x1 is class 0: -(1.5 * 2); x2 is class 1: -(1.5 * 1). Other classes unchanged.
    assertArrayEquals(new float[] {-3, -1, 0}, margin[0], 1e-6f);
    assertArrayEquals(new float[] {-2, -1.5f, -4}, margin[1], 1e-6f);
  }

  @Test
  void lossIsMarginCrossEntropyPlusLambdaTimesLikelihood() {
    LossTerms terms = loss.loss(features, labels,
        LargeMarginGmLoss.weights(tf.constant(0.5f), tf.constant(0.1f)));
    // CE(x1) = 3 + log(e^-3 + e^-1 + e^0) = 3.349012, CE(x2) = 1.5 + log(e^-2 + e^-1.5 + e^-4)
    // = 0.523909, worked out by hand: the classification term is their mean, 1.936461.
    assertEquals(1.936461, scalar(session, terms.classification()), 1e-5);
    // 1/2 ||x1 - mu0||^2 = 2, 1/2 ||x2 - mu1||^2 = 1: mean 1.5
    assertEquals(1.5f, scalar(session, terms.likelihood()), 1e-6f);
    // L = 1.936461 + 0.1 * 1.5
    assertEquals(2.086461, scalar(session, terms.total()), 1e-5);
  }

  @Test
  void zeroAlphaIsPlainCrossEntropyOfNegativeDistances() {
    LossTerms terms = loss.loss(features, labels,
        LargeMarginGmLoss.weights(tf.constant(0f), tf.constant(0f)));
    double ce1 = 2 + Math.log(Math.exp(-2) + Math.exp(-1) + 1);
    double ce2 = 1 + Math.log(Math.exp(-2) + Math.exp(-1) + Math.exp(-4));
    assertEquals((ce1 + ce2) / 2, scalar(session, terms.total()), 1e-5);
  }
}
