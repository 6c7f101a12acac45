package gmloss.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gmloss.TfTesting;
import gmloss.model.Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The center loss against values computed by hand: features x = (1, 0), (0, 2), (3, 0) of classes
 * 0, 1, 0, centres c0 = (1, 1), c1 = (0, 1), c2 = (5, 5), lambda 0.1, alpha 0.5.
 */
class CenterLossHeadTest {

  private static final float[][] X = {{1, 0}, {0, 2}, {3, 0}};
  private static final int[] LABELS = {0, 1, 0};
  private static final float[][] CENTRES = {{1, 1}, {0, 1}, {5, 5}};

  private record Fixture(Graph graph, Session session, Ops tf, Parameters parameters,
      CenterLossHead head, Variable<TFloat32> centres) implements AutoCloseable {

    static Fixture create() {
      Graph graph = new Graph();
      Ops tf = Ops.create(graph);
      Parameters parameters = new Parameters(tf, 7);
      CenterLossHead head = new CenterLossHead(parameters, 2, 3);
      Session session = new Session(graph);
      session.initialize();
      Variable<TFloat32> centres = parameters.statistics().get(0);
      TfTesting.assign(session, tf, centres, tf.constant(CENTRES));
      return new Fixture(graph, session, tf, parameters, head, centres);
    }

    LossWeights weights() {
      return CenterLossHead.weights(tf.constant(0.1f), tf.constant(0.5f));
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  @Test
  void theLossIsSoftmaxCrossEntropyPlusLambdaTimesHalfTheSquaredDistanceToTheOwnCentre() {
    try (Fixture f = Fixture.create()) {
      Operand<TFloat32> x = f.tf().constant(X);
      LossTerms terms = f.head().loss(x, f.tf().constant(LABELS), f.weights());
      // L_C = (1/2 |(0, -1)|^2 + 1/2 |(0, 1)|^2 + 1/2 |(2, -1)|^2) / 3 = (0.5 + 0.5 + 2.5) / 3
      assertEquals(3.5 / 3, TfTesting.scalar(f.session(), terms.likelihood()), 1e-6);
      float[][] logits = TfTesting.matrix(f.session(), f.head().logits(x));
      double crossEntropy = 0;
      for (int i = 0; i < X.length; i++) {
        double sum = 0;
        for (float logit : logits[i]) {
          sum += Math.exp(logit);
        }
        crossEntropy += (Math.log(sum) - logits[i][LABELS[i]]) / X.length;
      }
      assertEquals(crossEntropy, TfTesting.scalar(f.session(), terms.classification()), 1e-5);
      assertEquals(crossEntropy + 0.1 * 3.5 / 3, TfTesting.scalar(f.session(), terms.total()),
          1e-5);
      // Distances to every centre, and the log-density of each under its unit Gaussian.
      float[][] distances = TfTesting.matrix(f.session(), f.head().distances(x));
      assertArrayEquals(new float[] {0.5f, 1f, 20.5f}, distances[0], 1e-5f);
      assertEquals(-distances[2][1],
          TfTesting.matrix(f.session(), f.head().logDensities(f.head().distances(x)))[2][1], 1e-6f);
    }
  }

  @Test
  void theCentresMoveByAlphaTimesTheirClassesMeanOffsetAndAnEmptyClassStays() {
    try (Fixture f = Fixture.create()) {
      List<Op> updates = f.head().updates(f.tf(), f.tf().constant(X),
          f.tf().constant(LABELS), f.weights());
      Session.Runner runner = f.session().runner();
      updates.forEach(runner::addTarget);
      runner.run();
      float[][] moved = TfTesting.matrix(f.session(), f.head().means());
      // dc0 = ((1, 1) - (1, 0) + (1, 1) - (3, 0)) / (1 + 2) = (-2/3, 2/3); c0 - 0.5 dc0
      assertArrayEquals(new float[] {4f / 3, 2f / 3}, moved[0], 1e-6f);
      // dc1 = ((0, 1) - (0, 2)) / (1 + 1) = (0, -1/2)
      assertArrayEquals(new float[] {0f, 1.25f}, moved[1], 1e-6f);
      assertArrayEquals(CENTRES[2], moved[2], 0f);
    }
  }

  @Test
  void theCentresAreUpdatedByAssignmentNeverByGradientOrDecay() {
    try (Fixture f = Fixture.create()) {
      assertEquals(List.of("classifier_weights", "classifier_bias"), f.parameters().trainables().stream()
          .map(Parameters.Trainable::name).toList());
      assertEquals(List.of(f.centres()), f.parameters().statistics());
    }
  }
}
