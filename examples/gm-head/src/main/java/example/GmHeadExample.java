package example;

import gmloss.loss.GmHead;
import gmloss.loss.LossTerms;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Momentum;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A network of its own, a two-layer perceptron on points from four Gaussian clusters in 8
 * dimensions, with the L-GM head on its 3-d feature, trained for a few steps with a framework
 * optimizer. Exits with 1 unless the loss falls to less than half and the head classifies most
 * points right.
 */
public final class GmHeadExample {

  private static final int CLASSES = 4;
  private static final int POINTS = 200;

  public static void main(String[] args) {
    Random random = new Random(7);
    float[][] points = new float[POINTS][8];
    int[] labels = new int[POINTS];
    for (int i = 0; i < POINTS; i++) {
      labels[i] = i % CLASSES;
      for (int j = 0; j < 8; j++) {
        points[i][j] = (float) (random.nextGaussian() + (j % CLASSES == labels[i] ? 3 : 0));
      }
    }
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, 8)));
      Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> hidden = tf.nn.relu(tf.linalg.matMul(x, weights(tf, "hidden", 8, 16)));
      Operand<TFloat32> features = tf.linalg.matMul(hidden, weights(tf, "feature", 16, 3));

      GmHead head = GmHead.builder(tf, CLASSES, 3).namePrefix("head").alpha(0.3f)
          .lambda(0.05f).build();
      LossTerms loss = head.loss(features, y);
      Operand<TInt32> predicted = tf.math.argMax(head.logits(features), tf.constant(1),
          TInt32.class);
      Op train = new Momentum(graph, 0.05f, 0.9f).minimize(loss.total());
      session.initialize();

      try (TFloat32 xs = TFloat32.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(points));
          TInt32 ys = TInt32.vectorOf(labels)) {
        float first = lossOf(session, x, y, xs, ys, loss);
        for (int step = 0; step < 100; step++) {
          session.runner().feed(x, xs).feed(y, ys).addTarget(train).run().close();
        }
        float last = lossOf(session, x, y, xs, ys, loss);
        int correct = 0;
        try (Result result = session.runner().feed(x, xs).fetch(predicted).run()) {
          TInt32 classes = (TInt32) result.get(0);
          for (int i = 0; i < POINTS; i++) {
            correct += classes.getInt(i) == labels[i] ? 1 : 0;
          }
        }
        System.out.printf("loss %.4f -> %.4f after 100 steps; %d of %d points classified right%n",
            first, last, correct, POINTS);
        if (!(last < 0.5f * first) || correct < 0.9 * POINTS) {
          System.out.println("FAILED: the GM head did not learn");
          System.exit(1);
        }
      }
    }
  }

  /** A weight matrix of the example's own, read through identity as TensorFlow-Java needs. */
  private static Operand<TFloat32> weights(Ops tf, String name, int rows, int columns) {
    Variable<TFloat32> variable = tf.withName(name).variable(
        tf.math.mul(tf.random.statelessRandomNormal(tf.constant(new long[] {rows, columns}),
            tf.constant(new long[] {rows, columns}), TFloat32.class),
            tf.constant((float) Math.sqrt(2.0 / rows))));
    return tf.identity(variable);
  }

  private static float lossOf(Session session, Placeholder<TFloat32> x, Placeholder<TInt32> y,
      TFloat32 xs, TInt32 ys, LossTerms loss) {
    try (Result result = session.runner().feed(x, xs).feed(y, ys).fetch(loss.total()).run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }
}
