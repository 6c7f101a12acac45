package gmloss.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Mean softmax cross entropy against one-hot labels, in TensorFlow's log-sum-exp form. */
final class CrossEntropy {

  private CrossEntropy() {}

  static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> oneHot) {
    // The sparse variant has no registered gradient in TF-Java, so labels go in one-hot.
    Operand<TFloat32> perExample = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
    return tf.math.mean(perExample, tf.constant(0));
  }
}
