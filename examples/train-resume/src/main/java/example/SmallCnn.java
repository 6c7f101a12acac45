package example;

import gmloss.model.FeatureExtractor;
import gmloss.model.Mode;
import gmloss.model.Parameters;
import gmloss.network.ModelSpec;
import gmloss.network.NetworkType;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A convolutional network of this program's own: three 3x3 convolutions with ReLU, the last two
 * of stride 2, and global average pooling to a 64-d feature. Its variables are made in the graph
 * of the run's {@link Parameters}, so the run trains, checkpoints and exports them.
 */
final class SmallCnn implements FeatureExtractor {

  /** The network as gmloss builds it: registered once, named in the settings. */
  static final NetworkType TYPE = new NetworkType() {
    @Override
    public String name() {
      return "small-cnn";
    }

    @Override
    public FeatureExtractor build(Parameters parameters, ModelSpec spec) {
      return new SmallCnn(parameters, spec.channels());
    }
  };

  private final Parameters parameters;
  private final List<Operand<TFloat32>> kernels;

  private SmallCnn(Parameters parameters, int channels) {
    this.parameters = parameters;
    this.kernels = List.of(kernel("conv1", channels, 16), kernel("conv2", 16, 32),
        kernel("conv3", 32, 64));
  }

  private Operand<TFloat32> kernel(String name, int in, int out) {
    return parameters.weight(name, parameters.init().heNormal(Shape.of(3, 3, in, out), 9L * in));
  }

  @Override
  public int featureDim() {
    return 64;
  }

  @Override
  public Operand<TFloat32> features(Operand<TFloat32> images, Mode mode) {
    Ops tf = parameters.tf();
    Operand<TFloat32> x = images;
    for (int layer = 0; layer < kernels.size(); layer++) {
      long stride = layer == 0 ? 1 : 2;
      x = tf.nn.relu(tf.nn.conv2d(x, kernels.get(layer), List.of(1L, stride, stride, 1L),
          "SAME"));
    }
    return tf.math.mean(x, tf.constant(new int[] {1, 2}));
  }
}
