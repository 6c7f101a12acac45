package gmloss.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A square convolution without bias (batch norm follows it), He-normal initialised, padded as in
 * the reference ResNets: {@code size / 2} zeros on every side.
 *
 * <p>For stride 1 that is TensorFlow's "SAME". For stride 2 it is not: "SAME" on an even input
 * pads only the bottom and right, so output pixel i is centred on input pixel 2i + 1, one pixel
 * off the option-A shortcut, which takes pixel 2i. Padding explicitly, then "VALID", centres it
 * on 2i, as He et al., the authors' code and the PyTorch ResNet-20 do.
 */
final class Conv {

  private final Parameters parameters;
  private final Operand<TFloat32> kernel;
  private final int size;
  private final List<Long> strides;

  Conv(Parameters parameters, String name, int size, int inChannels, int outChannels,
      int stride) {
    this.parameters = parameters;
    Shape shape = Shape.of(size, size, inChannels, outChannels);
    this.kernel = parameters.weight(name + "_kernel",
        parameters.init().heNormal(shape, (long) size * size * inChannels));
    this.size = size;
    this.strides = List.of(1L, (long) stride, (long) stride, 1L);
  }

  Operand<TFloat32> apply(Operand<TFloat32> input) {
    Ops tf = parameters.tf();
    if (strides.get(1) == 1) {
      return tf.nn.conv2d(input, kernel, strides, "SAME");
    }
    int border = size / 2;
    Operand<TFloat32> padded = tf.pad(input, tf.constant(new int[][] {
        {0, 0}, {border, border}, {border, border}, {0, 0}}), tf.constant(0f));
    return tf.nn.conv2d(padded, kernel, strides, "VALID");
  }
}
