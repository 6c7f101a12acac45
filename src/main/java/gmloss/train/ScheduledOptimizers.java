package gmloss.train;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.framework.optimizers.Momentum;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * TensorFlow-Java's own optimizers with one change: the learning rate is read from a tensor fed
 * at every step, because 1.1.0 bakes it into the graph as a constant. Slots, gradient application
 * and the update kernels (ApplyGradientDescent, ApplyMomentum, ApplyAdam) are the framework's.
 */
final class ScheduledOptimizers {

  private ScheduledOptimizers() {}

  /**
   * @param learningRate scalar learning rate of the current step
   * @param step scalar number of the current step, counted from 1 (Adam's bias correction)
   */
  static Optimizer create(Graph graph, OptimizerSpec spec, Operand<TFloat32> learningRate,
      Operand<TFloat32> step) {
    return switch (spec.kind()) {
      case SGD -> new ScheduledGradientDescent(graph, learningRate);
      case MOMENTUM -> new ScheduledMomentum(graph, learningRate, spec.momentum(),
          spec.nesterov());
      case ADAM -> new ScheduledAdam(graph, learningRate, step);
    };
  }

  private static <T extends TType> Operand<T> as(Ops tf, Operand<TFloat32> value,
      Output<T> like) {
    return tf.dtypes.cast(value, like.type());
  }

  private static final class ScheduledGradientDescent extends GradientDescent {
    private final Operand<TFloat32> learningRate;

    ScheduledGradientDescent(Graph graph, Operand<TFloat32> learningRate) {
      super(graph);
      this.learningRate = learningRate;
    }

    @Override
    protected <T extends TType> Op applyDense(Ops tf, Output<T> gradient, Output<T> variable) {
      return tf.train.applyGradientDescent(variable, as(tf, learningRate, gradient), gradient);
    }
  }

  private static final class ScheduledMomentum extends Momentum {
    private final Operand<TFloat32> learningRate;
    private final float momentum;
    private final boolean nesterov;

    ScheduledMomentum(Graph graph, Operand<TFloat32> learningRate, float momentum,
        boolean nesterov) {
      super(graph, LEARNING_RATE_DEFAULT, momentum, nesterov);
      this.learningRate = learningRate;
      this.momentum = momentum;
      this.nesterov = nesterov;
    }

    @Override
    protected <T extends TType> Op applyDense(Ops tf, Output<T> gradient, Output<T> variable) {
      Variable<T> accumulator = getSlot(variable, MOMENTUM).orElseThrow();
      return tf.train.applyMomentum(variable, accumulator, as(tf, learningRate, gradient),
          gradient, tf.dtypes.cast(tf.constant(momentum), gradient.type()),
          ApplyMomentum.useNesterov(nesterov), ApplyMomentum.useLocking(true));
    }
  }

  private static final class ScheduledAdam extends Adam {
    private final Operand<TFloat32> learningRate;
    private final Operand<TFloat32> step;

    ScheduledAdam(Graph graph, Operand<TFloat32> learningRate, Operand<TFloat32> step) {
      super(graph);
      this.learningRate = learningRate;
      this.step = step;
    }

    @Override
    protected <T extends TType> Op applyDense(Ops tf, Output<T> gradient, Output<T> variable) {
      Variable<T> first = getSlot(variable, FIRST_MOMENT).orElseThrow();
      Variable<T> second = getSlot(variable, SECOND_MOMENT).orElseThrow();
      // beta^t from the fed step: the parent's own power variables are not visible here.
      Operand<TFloat32> beta1 = tf.constant(BETA_ONE_DEFAULT);
      Operand<TFloat32> beta2 = tf.constant(BETA_TWO_DEFAULT);
      return tf.train.applyAdam(variable, first, second,
          as(tf, tf.math.pow(beta1, step), gradient), as(tf, tf.math.pow(beta2, step), gradient),
          as(tf, learningRate, gradient), as(tf, beta1, gradient), as(tf, beta2, gradient),
          as(tf, tf.constant(EPSILON_DEFAULT), gradient), gradient);
    }
  }
}
