package gmloss.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Fused batch normalisation over the channels of an NHWC tensor. The training path normalises
 * with batch statistics and registers updates of the moving statistics; the inference path reads
 * the moving statistics. Scale and offset are shared by both.
 */
final class BatchNorm {

  static final float MOMENTUM = 0.9f;
  static final float EPSILON = 1e-5f;

  private final Parameters parameters;
  private final Operand<TFloat32> scale;
  private final Operand<TFloat32> offset;
  private final Variable<TFloat32> movingMean;
  private final Variable<TFloat32> movingVariance;

  BatchNorm(Parameters parameters, String name, int channels) {
    this.parameters = parameters;
    Initializers init = parameters.init();
    Shape shape = Shape.of(channels);
    scale = parameters.trainable(name + "_gamma", init.constant(shape, 1f),
        Parameters.Role.SCALE_AND_SHIFT, 1f);
    offset = parameters.trainable(name + "_beta", init.constant(shape, 0f),
        Parameters.Role.SCALE_AND_SHIFT, 1f);
    movingMean = parameters.statistic(name + "_moving_mean", init.constant(shape, 0f));
    movingVariance = parameters.statistic(name + "_moving_variance", init.constant(shape, 1f));
  }

  Operand<TFloat32> apply(Operand<TFloat32> input, Mode mode) {
    Ops tf = parameters.tf();
    if (mode == Mode.INFER) {
      return tf.nn.fusedBatchNorm(input, scale, offset, tf.identity(movingMean),
          tf.identity(movingVariance), FusedBatchNorm.epsilon(EPSILON),
          FusedBatchNorm.isTraining(false)).y();
    }
    Operand<TFloat32> empty = tf.constant(new float[0]);
    FusedBatchNorm<TFloat32, TFloat32> normalized = tf.nn.fusedBatchNorm(input, scale, offset,
        empty, empty, FusedBatchNorm.epsilon(EPSILON), FusedBatchNorm.isTraining(true));
    parameters.addStatisticUpdate(movingAverage(tf, movingMean, normalized.batchMean()));
    parameters.addStatisticUpdate(movingAverage(tf, movingVariance, normalized.batchVariance()));
    return normalized.y();
  }

  /** moving <- moving - (1 - momentum) * (moving - batch). */
  private static org.tensorflow.op.Op movingAverage(Ops tf, Variable<TFloat32> moving,
      Operand<TFloat32> batch) {
    Operand<TFloat32> step = tf.math.mul(tf.math.sub(tf.identity(moving), batch),
        tf.constant(1f - MOMENTUM));
    return tf.assignSub(moving, step);
  }
}
