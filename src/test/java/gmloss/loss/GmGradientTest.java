package gmloss.loss;

import static gmloss.TfTesting.assign;
import static gmloss.TfTesting.randomMatrix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gmloss.model.Parameters;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's gradients of the whole GM loss (margin, cross entropy and likelihood term) with
 * respect to features and means agree with central finite differences.
 */
class GmGradientTest {

  private static final int N = 4;
  private static final int D = 5;
  private static final int C = 3;
  private static final float EPS = 1e-2f;

  @Test
  void gradientsMatchCentralDifferences() {
    Random random = new Random(11);
    float[][] x = randomMatrix(random, N, D, 1.0);
    float[][] mu = randomMatrix(random, C, D, 1.0);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Parameters parameters = new Parameters(tf, 3);
      GaussianMixtureLayer layer = new GaussianMixtureLayer(parameters, C, D, MeansInit.NORMAL,
          Variance.NONE);
      Variable<TFloat32> means = parameters.trainables().get(0).variable();
      Placeholder<TFloat32> features = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(N, D)));
      LossTerms terms = new LargeMarginGmLoss(tf, layer, C, Likelihood.CAFFE).loss(features,
          tf.constant(new int[] {0, 2, 1, 2}),
          LargeMarginGmLoss.weights(tf.constant(0.3f), tf.constant(0.2f)));
      Output<?>[] gradients = graph.addGradients(terms.total().asOutput(),
          new Output<?>[] {features.asOutput(), means.asOutput()});
      try (Session session = new Session(graph)) {
        session.initialize();
        Evaluator f = new Evaluator(session, tf, features, means, terms.total());
        float[][] gradX;
        float[][] gradMu;
        try (TFloat32 feed = TFloat32.tensorOf(StdArrays.ndCopyOf(x))) {
          assign(session, tf, means, tf.constant(mu));
          try (Result result = session.runner().feed(features, feed).fetch(gradients[0])
              .fetch(gradients[1]).run()) {
            gradX = StdArrays.array2dCopyOf((TFloat32) result.get(0));
            gradMu = StdArrays.array2dCopyOf((TFloat32) result.get(1));
          }
        }
        assertMatchesCentralDifferences(x, gradX, "x", () -> f.loss(x, mu));
        assertMatchesCentralDifferences(mu, gradMu, "mu", () -> f.loss(x, mu));
      }
    }
  }

  /** Perturbs each entry of {@code values} in place and compares the slope with the gradient. */
  private static void assertMatchesCentralDifferences(float[][] values, float[][] gradient,
      String name, java.util.function.DoubleSupplier loss) {
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < values[i].length; j++) {
        float saved = values[i][j];
        values[i][j] = saved + EPS;
        double plus = loss.getAsDouble();
        values[i][j] = saved - EPS;
        double minus = loss.getAsDouble();
        values[i][j] = saved;
        assertEquals((plus - minus) / (2 * EPS), gradient[i][j], 2e-3,
            "d loss / d " + name + "[" + i + "][" + j + "]");
      }
    }
  }

  /** The loss at given features and means. */
  private record Evaluator(Session session, Ops tf, Placeholder<TFloat32> features,
      Variable<TFloat32> means, org.tensorflow.Operand<TFloat32> loss) {

    double loss(float[][] x, float[][] mu) {
      assign(session, tf, means, tf.constant(mu));
      try (TFloat32 feed = TFloat32.tensorOf(StdArrays.ndCopyOf(x));
          Result result = session.runner().feed(features, feed).fetch(loss).run()) {
        return ((TFloat32) result.get(0)).getFloat();
      }
    }
  }
}
