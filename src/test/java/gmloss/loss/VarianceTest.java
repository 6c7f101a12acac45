package gmloss.loss;

import static gmloss.TfTesting.assign;
import static gmloss.TfTesting.matrix;
import static gmloss.TfTesting.randomMatrix;
import static gmloss.TfTesting.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gmloss.model.Parameters;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The Caffe-style learned variances: forward values and gradients. */
class VarianceTest {

  private static final float[][] X = {{2, 0}, {0, 2}};
  private static final float[][] MEANS = {{0, 0}, {1, 1}, {2, 0}};
  private static final int[] LABELS = {0, 1};

  private static final Variance ISOTROPIC = new Variance(Variance.Structure.ISOTROPIC,
      Variance.Parameterisation.LINEAR, 1f);

  /** A GM layer with the given means and raw variances in a fresh graph. */
  private record Fixture(Graph graph, Session session, Ops tf, GaussianMixtureLayer layer,
      Variable<TFloat32> sigma) implements AutoCloseable {

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  private static Fixture fixture(Variance variance, float[][] means,
      java.util.function.Function<Ops, Operand<TFloat32>> rawVariances) {
    Graph graph = new Graph();
    Ops tf = Ops.create(graph);
    Parameters parameters = new Parameters(tf, 1);
    GaussianMixtureLayer layer = new GaussianMixtureLayer(parameters, means.length,
        means[0].length, MeansInit.NORMAL, variance);
    Session session = new Session(graph);
    session.initialize();
    List<Parameters.Trainable> trainables = parameters.trainables();
    assign(session, tf, trainables.get(0).variable(), tf.constant(means));
    assign(session, tf, trainables.get(1).variable(), rawVariances.apply(tf));
    return new Fixture(graph, session, tf, layer, trainables.get(1).variable());
  }

  @Test
  void variancesStartAtOneAndAreNotDecayed() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Parameters parameters = new Parameters(tf, 1);
      GaussianMixtureLayer layer = new GaussianMixtureLayer(parameters, 3, 2, MeansInit.NORMAL,
          new Variance(Variance.Structure.DIAGONAL, Variance.Parameterisation.LINEAR, 0.1f));
      session.initialize();
      Parameters.Trainable sigma = parameters.trainables().get(1);
      assertEquals(Parameters.Role.VARIANCES, sigma.role());
      assertEquals(0.1f, sigma.learningRateMultiplier());
      float[][] effective = matrix(session, layer.variances().orElseThrow());
      for (float[] row : effective) {
        assertArrayEquals(new float[] {1.0001f, 1.0001f}, row, 1e-7f);
      }
    }
  }

  @Test
  void isotropicDistancesAreDividedByTheClampedVariance() {
    // d0(x1) = (2, 1, 0), d0(x2) = (2, 1, 4); sigma = (2, 0.5, -3): the last is clamped to 0.
    try (Fixture f = fixture(ISOTROPIC, MEANS, tf -> tf.constant(new float[] {2, 0.5f, -3}))) {
      float[][] d = matrix(f.session(), f.layer().distances(f.tf().constant(X)));
      assertArrayEquals(new float[] {2 / 2.0001f, 1 / 0.5001f, 0}, d[0], 1e-5f);
      assertArrayEquals(new float[] {2 / 2.0001f, 1 / 0.5001f, 4 / 1e-4f}, d[1], 1e-1f);
    }
  }

  @Test
  void diagonalDistancesDivideEachCoordinateByItsOwnVariance() {
    // Class 1 = (1, 1) with variances (0.5, 2): x1 = (2, 0) gives 1/2 (1/0.5 + 1/2) = 1.25.
    float[][] sigma = {{1, 1}, {0.5f, 2}, {4, 0.25f}};
    try (Fixture f = fixture(new Variance(Variance.Structure.DIAGONAL,
        Variance.Parameterisation.LINEAR, 1f), MEANS, tf -> tf.constant(sigma))) {
      float[][] d = matrix(f.session(), f.layer().distances(f.tf().constant(X)));
      float[][] expected = new float[2][3];
      for (int i = 0; i < 2; i++) {
        for (int k = 0; k < 3; k++) {
          for (int j = 0; j < 2; j++) {
            float diff = X[i][j] - MEANS[k][j];
            expected[i][k] += 0.5f * diff * diff / (sigma[k][j] + 1e-4f);
          }
        }
      }
      assertEquals(1.25f, expected[0][1], 1e-3f);
      assertArrayEquals(expected[0], d[0], 1e-5f);
      assertArrayEquals(expected[1], d[1], 1e-5f);
    }
  }

  @Test
  void logParameterisationUsesExp() {
    try (Fixture f = fixture(new Variance(Variance.Structure.ISOTROPIC,
        Variance.Parameterisation.LOG, 1f), MEANS,
        tf -> tf.constant(new float[] {0, (float) Math.log(2), (float) Math.log(0.5)}))) {
      assertArrayEquals(new float[] {1, 2, 0.5f},
          vector(f.session(), f.layer().variances().orElseThrow()), 1e-6f);
      float[][] d = matrix(f.session(), f.layer().distances(f.tf().constant(X)));
      assertArrayEquals(new float[] {2, 0.5f, 8}, d[1], 1e-5f);
    }
  }

  @Test
  void likelihoodTermIsNotDividedByTheVariance() {
    try (Fixture f = fixture(ISOTROPIC, MEANS, tf -> tf.constant(new float[] {4, 4, 4}))) {
      Ops tf = f.tf();
      LossTerms terms = new LargeMarginGmLoss(tf, f.layer(), 3, Likelihood.CAFFE).loss(
          tf.constant(X), tf.constant(LABELS), weights(tf, 0.5f, 0.1f));
      assertEquals(1.5f, gmloss.TfTesting.scalar(f.session(), terms.likelihood()), 1e-6f);
    }
  }

  /**
   * For sigma > 0 the variance gets its gradient from the classification term alone, which Caffe
   * computes in closed form: dL/dsigma_k = sum_i (p_ik - [k = y_i]) / N (1 + alpha [k = y_i])
   * d0_ik / s_k^2 with s = sigma + 1e-4 and p the softmax of the margin logits.
   */
  @Test
  void isotropicVarianceGradientMatchesCaffeClosedFormAndFiniteDifferences() {
    Random random = new Random(7);
    int n = 6;
    int d = 4;
    int c = 3;
    float alpha = 0.3f;
    float lambda = 0.2f;
    float[][] x = randomMatrix(random, n, d, 1.0);
    float[][] means = randomMatrix(random, c, d, 0.7);
    float[] sigma = {0.8f, 1.3f, 2.1f};
    int[] labels = {0, 1, 2, 2, 1, 0};
    try (Fixture f = fixture(ISOTROPIC, means, tf -> tf.constant(sigma))) {
      Ops tf = f.tf();
      LossTerms terms = new LargeMarginGmLoss(tf, f.layer(), c, Likelihood.CAFFE).loss(
          tf.constant(x), tf.constant(labels), weights(tf, alpha, lambda));
      Output<?>[] gradient = f.graph().addGradients(terms.total().asOutput(),
          new Output<?>[] {f.sigma().asOutput()});
      float[] tfGradient;
      try (Result result = f.session().runner().fetch(gradient[0]).run()) {
        tfGradient = StdArrays.array1dCopyOf((TFloat32) result.get(0));
      }

      double[] closedForm = new double[c];
      for (int i = 0; i < n; i++) {
        double[] logits = new double[c];
        double[] d0 = new double[c];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
          for (int j = 0; j < d; j++) {
            double diff = x[i][j] - means[k][j];
            d0[k] += 0.5 * diff * diff;
          }
          double margin = 1 + (k == labels[i] ? alpha : 0);
          logits[k] = -margin * d0[k] / (sigma[k] + 1e-4);
          max = Math.max(max, logits[k]);
        }
        double sum = 0;
        for (int k = 0; k < c; k++) {
          sum += Math.exp(logits[k] - max);
        }
        for (int k = 0; k < c; k++) {
          double p = Math.exp(logits[k] - max) / sum;
          double target = k == labels[i] ? 1 : 0;
          double margin = 1 + alpha * target;
          double s = sigma[k] + 1e-4;
          closedForm[k] += (p - target) / n * margin * d0[k] / (s * s);
        }
      }
      for (int k = 0; k < c; k++) {
        assertEquals(closedForm[k], tfGradient[k], 1e-5, "dL/dsigma_" + k + " closed form");
      }

      float eps = 1e-2f;
      for (int k = 0; k < c; k++) {
        float[] plus = sigma.clone();
        float[] minus = sigma.clone();
        plus[k] += eps;
        minus[k] -= eps;
        assign(f.session(), tf, f.sigma(), tf.constant(plus));
        float up = gmloss.TfTesting.scalar(f.session(), terms.total());
        assign(f.session(), tf, f.sigma(), tf.constant(minus));
        float down = gmloss.TfTesting.scalar(f.session(), terms.total());
        assertEquals((up - down) / (2 * eps), tfGradient[k], 2e-3,
            "dL/dsigma_" + k + " finite difference");
      }
    }
  }

  /**
   * The paper's likelihood, by hand: sigma = (1, 2, 4) in D = 2, so d = d0 / sigma and
   * 1/2 log|Sigma_k| = log sigma_k = (0, ln 2, ln 4). x1 = (2, 0), label 0: d = (2, 0.5, 0);
   * x2 = (0, 2), label 1: d = (2, 0.5, 1).
   */
  @Test
  void paperLikelihoodSubtractsHalfTheLogDeterminantInLogitsAndAddsItToTheLikelihood() {
    double ln2 = Math.log(2);
    double ln4 = Math.log(4);
    try (Fixture f = fixture(new Variance(Variance.Structure.ISOTROPIC,
        Variance.Parameterisation.LOG, 1f), MEANS,
        tf -> tf.constant(new float[] {0, (float) ln2, (float) ln4}))) {
      Ops tf = f.tf();
      LargeMarginGmLoss loss = new LargeMarginGmLoss(tf, f.layer(), 3, Likelihood.PAPER);
      float[][] logits = matrix(f.session(), loss.logits(tf.constant(X)));
      assertArrayEquals(new float[] {-2, (float) (-0.5 - ln2), (float) -ln4}, logits[0], 1e-5f);
      assertArrayEquals(new float[] {-2, (float) (-0.5 - ln2), (float) (-1 - ln4)}, logits[1],
          1e-5f);

      LossTerms terms = loss.loss(tf.constant(X), tf.constant(LABELS), weights(tf, 0.5f, 0.1f));
      // Margin 1.5 on the true class: x1 (-3, -0.5 - ln 2, -ln 4), x2 (-2, -0.75 - ln 2, -1 - ln 4)
      double ce1 = 3 + Math.log(Math.exp(-3) + Math.exp(-0.5 - ln2) + Math.exp(-ln4));
      double ce2 = 0.75 + ln2 + Math.log(Math.exp(-2) + Math.exp(-0.75 - ln2)
          + Math.exp(-1 - ln4));
      double likelihood = (2 + (0.5 + ln2)) / 2;
      assertEquals((ce1 + ce2) / 2, gmloss.TfTesting.scalar(f.session(), terms.classification()),
          1e-5);
      assertEquals(likelihood, gmloss.TfTesting.scalar(f.session(), terms.likelihood()), 1e-5);
      assertEquals((ce1 + ce2) / 2 + 0.1 * likelihood,
          gmloss.TfTesting.scalar(f.session(), terms.total()), 1e-5);
    }
  }

  @Test
  void diagonalNegativeLogDensityIsMahalanobisPlusHalfLogDeterminant() {
    float[][] sigma = {{1, 1}, {0.5f, 2}, {4, 0.25f}};
    try (Fixture f = fixture(new Variance(Variance.Structure.DIAGONAL,
        Variance.Parameterisation.LINEAR, 1f), MEANS, tf -> tf.constant(sigma))) {
      Ops tf = f.tf();
      float[] actual = vector(f.session(), f.layer().negativeLogDensityOfOwnClass(
          tf.constant(X), tf.constant(new int[] {1, 2})));
      // x1 = (2, 0) against class 1 = (1, 1), sigma (0.5, 2): 1/2 (1/0.5 + 1/2) + 1/2 ln(0.5 * 2)
      // x2 = (0, 2) against class 2 = (2, 0), sigma (4, 0.25): 1/2 (4/4 + 4/0.25) + 1/2 ln(1),
      // each sigma used as sigma + 1e-4
      double c = Variance.CLAMP_OFFSET;
      double first = 0.5 * (1 / (0.5 + c) + 1 / (2 + c)) + 0.5 * Math.log((0.5 + c) * (2 + c));
      double second = 0.5 * (4 / (4 + c) + 4 / (0.25 + c)) + 0.5 * Math.log((4 + c) * (0.25 + c));
      assertEquals(1.25, first, 1e-3);
      assertEquals(8.5, second, 1e-2);
      assertArrayEquals(new float[] {(float) first, (float) second}, actual, 1e-5f);
    }
  }

  /** The paper's loss, log-determinants included, has the gradient finite differences give. */
  @Test
  void paperLossVarianceGradientMatchesFiniteDifferences() {
    Random random = new Random(9);
    int n = 6;
    int d = 4;
    int c = 3;
    float[][] x = randomMatrix(random, n, d, 1.0);
    float[][] means = randomMatrix(random, c, d, 0.7);
    float[][] sigma = {{0.8f, 1.2f, 1.5f, 0.9f}, {1.3f, 0.7f, 1.1f, 2.0f},
        {2.1f, 1.0f, 0.6f, 1.4f}};
    int[] labels = {0, 1, 2, 2, 1, 0};
    try (Fixture f = fixture(new Variance(Variance.Structure.DIAGONAL,
        Variance.Parameterisation.LINEAR, 1f), means, tf -> tf.constant(sigma))) {
      Ops tf = f.tf();
      LossTerms terms = new LargeMarginGmLoss(tf, f.layer(), c, Likelihood.PAPER).loss(
          tf.constant(x), tf.constant(labels), weights(tf, 0.3f, 0.2f));
      Output<?>[] gradient = f.graph().addGradients(terms.total().asOutput(),
          new Output<?>[] {f.sigma().asOutput()});
      float[][] tfGradient;
      try (Result result = f.session().runner().fetch(gradient[0]).run()) {
        tfGradient = StdArrays.array2dCopyOf((TFloat32) result.get(0));
      }
      float eps = 1e-2f;
      for (int k = 0; k < c; k++) {
        for (int j = 0; j < d; j++) {
          float[][] shifted = {sigma[0].clone(), sigma[1].clone(), sigma[2].clone()};
          shifted[k][j] = sigma[k][j] + eps;
          assign(f.session(), tf, f.sigma(), tf.constant(shifted));
          float up = gmloss.TfTesting.scalar(f.session(), terms.total());
          shifted[k][j] = sigma[k][j] - eps;
          assign(f.session(), tf, f.sigma(), tf.constant(shifted));
          float down = gmloss.TfTesting.scalar(f.session(), terms.total());
          assertEquals((up - down) / (2 * eps), tfGradient[k][j], 2e-3,
              "dL/dsigma_" + k + j);
        }
      }
    }
  }

  private static LossWeights weights(Ops tf, float alpha, float lambda) {
    return LargeMarginGmLoss.weights(tf.constant(alpha), tf.constant(lambda));
  }
}
