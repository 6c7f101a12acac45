package gmloss.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.TfTesting;
import gmloss.model.Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Momentum;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The GM head as another program uses it: in its own graph, on features of its own. */
class GmHeadTest {

  private static final float[][] X = {{2, 0}, {0, 2}};
  private static final int[] LABELS = {0, 1};

  @Test
  void variablesAreNamedWithThePrefixAndTheLossIsThePapersFormula() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      GmHead head = GmHead.builder(tf, 3, 2).namePrefix("mine").alpha(0.5f).lambda(0.1f)
          .variance(new Variance(Variance.Structure.ISOTROPIC, Variance.Parameterisation.LOG, 1f))
          .build();
      assertEquals(List.of("mine_gm_means", "mine_gm_log_variances"),
          head.trainables().stream().map(Parameters.Trainable::name).toList());
      assertEquals("mine_gm_means", head.variables().get(0).op().name());
      session.initialize();
      TfTesting.assign(session, tf, head.variables().get(0),
          tf.constant(new float[][] {{0, 0}, {1, 1}, {2, 0}}));
      // Unit variances: the hand-computed case of LargeMarginGmLossTest, d(x1) = (2, 1, 0),
      // d(x2) = (2, 1, 4), alpha 0.5, lambda 0.1.
      LossTerms terms = head.loss(tf.constant(X), tf.constant(LABELS));
      double ce1 = 3 + Math.log(Math.exp(-3) + Math.exp(-1) + 1);
      double ce2 = 1.5 + Math.log(Math.exp(-2) + Math.exp(-1.5) + Math.exp(-4));
      assertEquals((ce1 + ce2) / 2, TfTesting.scalar(session, terms.classification()), 1e-5);
      assertEquals(1.5, TfTesting.scalar(session, terms.likelihood()), 1e-6);
      float[][] margin = TfTesting.matrix(session,
          head.marginLogits(tf.constant(X), tf.constant(LABELS)));
      assertEquals(-3f, margin[0][0], 1e-6f);
      assertEquals(-1.5f, margin[1][1], 1e-6f);
      assertEquals(-4f, TfTesting.matrix(session, head.logits(tf.constant(X)))[1][2], 1e-6f);
    }
  }

  /** Three clusters, a linear layer of the caller's own, the head, a framework optimizer. */
  @Test
  void trainsInSomeoneElsesNetworkWithAFrameworkOptimizer() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      float[][] points = new float[60][4];
      int[] labels = new int[60];
      java.util.Random random = new java.util.Random(1);
      for (int i = 0; i < points.length; i++) {
        labels[i] = i % 3;
        for (int j = 0; j < 4; j++) {
          points[i][j] = (float) (random.nextGaussian() * 0.3 + (j == labels[i] ? 2 : 0));
        }
      }
      Variable<TFloat32> weights = tf.withName("my_dense").variable(
          tf.random.statelessRandomNormal(tf.constant(new long[] {4, 2}),
              tf.constant(new long[] {1, 2}), TFloat32.class));
      Operand<TFloat32> features = tf.linalg.matMul(tf.constant(points), tf.identity(weights));
      GmHead head = GmHead.builder(tf, 3, 2).namePrefix("head").seed(3).build();
      LossTerms loss = head.loss(features, tf.constant(labels));
      Optimizer optimizer = new Momentum(graph, 0.05f, 0.9f);
      Op step = optimizer.minimize(loss.total());
      session.initialize();
      float first = TfTesting.scalar(session, loss.total());
      for (int i = 0; i < 50; i++) {
        session.runner().addTarget(step).run().close();
      }
      float last = TfTesting.scalar(session, loss.total());
      assertTrue(last < 0.5f * first, first + " -> " + last);
    }
  }

  @Test
  void impossibleHeadsAreRefused() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      assertThrows(IllegalArgumentException.class, () -> GmHead.builder(tf, 1, 2));
      assertThrows(IllegalArgumentException.class, () -> GmHead.builder(tf, 3, 0));
      assertThrows(IllegalArgumentException.class, () -> GmHead.builder(tf, 3, 2).alpha(-1f));
      assertThrows(IllegalArgumentException.class,
          () -> GmHead.builder(tf, 3, 2).namePrefix("a/b").build());
    }
  }
}
