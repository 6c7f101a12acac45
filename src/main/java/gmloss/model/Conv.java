package gmloss.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** A square convolution without bias (batch norm follows it), He-normal initialised. */
final class Conv {

  private final Parameters parameters;
  private final Operand<TFloat32> kernel;
  private final List<Long> strides;

  Conv(Parameters parameters, String name, int size, int inChannels, int outChannels,
      int stride) {
    this.parameters = parameters;
    Shape shape = Shape.of(size, size, inChannels, outChannels);
    this.kernel = parameters.weight(name + "_kernel",
        parameters.init().heNormal(shape, (long) size * size * inChannels));
    this.strides = List.of(1L, (long) stride, (long) stride, 1L);
  }

  Operand<TFloat32> apply(Operand<TFloat32> input) {
    return parameters.tf().nn.conv2d(input, kernel, strides, "SAME");
  }
}
