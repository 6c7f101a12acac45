package gmloss.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** 1/2 ||x - c||^2 between features and class centres, the distance GM and center loss share. */
final class HalfSquaredDistances {

  private HalfSquaredDistances() {}

  /**
   * d[i, k] = 1/2 ||x_i - c_k||^2, expanded as 1/2 (||x||^2 - 2 x.c + ||c||^2) so that it costs
   * one matrix product and O(N*C) memory; round-off can make it slightly negative, which logits
   * tolerate.
   */
  static Operand<TFloat32> toEvery(Ops tf, Operand<TFloat32> features,
      Operand<TFloat32> centres) {
    Operand<TFloat32> squaredFeatures = sumOfSquares(tf, features, true);
    Operand<TFloat32> squaredCentres = sumOfSquares(tf, centres, false);
    Operand<TFloat32> products = tf.linalg.matMul(features, centres, MatMul.transposeB(true));
    Operand<TFloat32> twice = tf.math.add(
        tf.math.sub(squaredFeatures, tf.math.mul(products, tf.constant(2f))), squaredCentres);
    return tf.math.mul(twice, tf.constant(0.5f));
  }

  /** 1/2 ||x_i - c_{y_i}||^2 per example, computed from the differences (never negative). */
  static Operand<TFloat32> toOwn(Ops tf, Operand<TFloat32> features, Operand<TFloat32> centres,
      Operand<TInt32> labels) {
    Operand<TFloat32> own = tf.gather(centres, labels, tf.constant(0));
    return tf.math.mul(sumOfSquares(tf, tf.math.sub(features, own), false), tf.constant(0.5f));
  }

  private static Operand<TFloat32> sumOfSquares(Ops tf, Operand<TFloat32> rows,
      boolean keepDims) {
    return tf.sum(tf.math.square(rows), tf.constant(1), Sum.keepDims(keepDims));
  }
}
