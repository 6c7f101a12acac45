package gmloss;

import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Small helpers for tests that run graphs. */
public final class TfTesting {

  private TfTesting() {}

  public static float scalar(Session session, Operand<TFloat32> operand) {
    try (Result result = session.runner().fetch(operand).run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }

  public static float[] vector(Session session, Operand<TFloat32> operand) {
    try (Result result = session.runner().fetch(operand).run()) {
      return StdArrays.array1dCopyOf((TFloat32) result.get(0));
    }
  }

  public static float[][] matrix(Session session, Operand<TFloat32> operand) {
    try (Result result = session.runner().fetch(operand).run()) {
      return StdArrays.array2dCopyOf((TFloat32) result.get(0));
    }
  }

  /** Sets a variable to a value by running an assignment built for the occasion. */
  public static void assign(Session session, Ops tf, Variable<TFloat32> variable,
      Operand<TFloat32> value) {
    session.runner().addTarget(tf.assign(variable, value)).run();
  }

  public static float[][] randomMatrix(java.util.Random random, int rows, int cols,
      double scale) {
    float[][] values = new float[rows][cols];
    for (float[] row : values) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) (random.nextGaussian() * scale);
      }
    }
    return values;
  }
}
