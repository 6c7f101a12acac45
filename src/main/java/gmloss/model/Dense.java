package gmloss.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A fully connected layer x W + b, Glorot-uniform initialised. */
public final class Dense {

  private final Parameters parameters;
  private final Operand<TFloat32> weights;
  private final Operand<TFloat32> bias;

  public Dense(Parameters parameters, String name, int inputs, int outputs) {
    this.parameters = parameters;
    weights = parameters.weight(name + "_weights",
        parameters.init().glorotUniform(Shape.of(inputs, outputs), inputs, outputs));
    bias = parameters.trainable(name + "_bias",
        parameters.init().constant(Shape.of(outputs), 0f), Parameters.Role.SCALE_AND_SHIFT, 1f);
  }

  public Operand<TFloat32> apply(Operand<TFloat32> input) {
    Ops tf = parameters.tf();
    return tf.nn.biasAdd(tf.linalg.matMul(input, weights), bias);
  }
}
