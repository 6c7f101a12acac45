package gmloss.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Softmax cross entropy against one-hot labels, in TensorFlow's log-sum-exp form, and the one-hot
 * encoding it takes: the one place the project builds either. The sparse variant has no
 * registered gradient in TF-Java, so labels go in one-hot.
 */
public final class CrossEntropy {

  private CrossEntropy() {}

  /** {@code labels} as rows of {@code classes} values, 1 at the label and 0 elsewhere. */
  public static Operand<TFloat32> oneHot(Ops tf, Operand<? extends TNumber> labels,
      int classes) {
    return tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
  }

  /** Mean over the batch of each row's cross entropy. */
  public static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> logits,
      Operand<TFloat32> oneHot) {
    return tf.math.mean(perExample(tf, logits, oneHot), tf.constant(0));
  }

  /** Sum over the batch of each row's cross entropy. */
  public static Operand<TFloat32> sum(Ops tf, Operand<TFloat32> logits,
      Operand<TFloat32> oneHot) {
    return tf.sum(perExample(tf, logits, oneHot), tf.constant(0));
  }

  private static Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> logits,
      Operand<TFloat32> oneHot) {
    return tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
  }
}
