package gmloss.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The post-activation ("v1") basic block of He et al. (2016): conv3x3 - BN - ReLU - conv3x3 - BN,
 * plus the shortcut, then ReLU.
 */
final class BasicBlock {

  private final Parameters parameters;
  private final Conv conv1;
  private final BatchNorm bn1;
  private final Conv conv2;
  private final BatchNorm bn2;
  private final int stride;
  private final int channelPadding;

  BasicBlock(Parameters parameters, String name, int inChannels, int outChannels, int stride) {
    this.parameters = parameters;
    conv1 = new Conv(parameters, name + "_conv1", 3, inChannels, outChannels, stride);
    bn1 = new BatchNorm(parameters, name + "_bn1", outChannels);
    conv2 = new Conv(parameters, name + "_conv2", 3, outChannels, outChannels, 1);
    bn2 = new BatchNorm(parameters, name + "_bn2", outChannels);
    this.stride = stride;
    this.channelPadding = (outChannels - inChannels) / 2;
  }

  Operand<TFloat32> apply(Operand<TFloat32> input, Mode mode) {
    Ops tf = parameters.tf();
    Operand<TFloat32> residual = tf.nn.relu(bn1.apply(conv1.apply(input), mode));
    residual = bn2.apply(conv2.apply(residual), mode);
    return tf.nn.relu(tf.math.add(residual, shortcut(tf, input)));
  }

  /**
   * Option A of the paper, the one its CIFAR networks use: identity, or when the shape changes,
   * every second pixel and zero channels on both sides. It has no parameters.
   */
  private Operand<TFloat32> shortcut(Ops tf, Operand<TFloat32> input) {
    if (stride == 1 && channelPadding == 0) {
      return input;
    }
    Operand<TFloat32> subsampled = tf.stridedSlice(input,
        Indices.all(), Indices.step(stride), Indices.step(stride), Indices.all());
    return tf.pad(subsampled, tf.constant(new int[][] {
        {0, 0}, {0, 0}, {0, 0}, {channelPadding, channelPadding}}), tf.constant(0f));
  }
}
