package gmloss.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The CIFAR ResNet of He et al. (2016), depth 6n+2: a 3x3 stem with 16 filters, three stages of n
 * basic blocks with 16, 32 and 64 filters (stride 2 at the start of stages 2 and 3), and global
 * average pooling to a 64-d feature. ResNet-20 (n = 3) has 0.27 M parameters.
 *
 * <p>The feature is what the classifier head sees. An optional linear layer maps it to a small
 * dimension (2 or 3 for pictures of the feature space), as in the paper's visualisations.
 */
public final class ResNet implements FeatureExtractor {

  private static final int[] STAGE_FILTERS = {16, 32, 64};

  private final Parameters parameters;
  private final Conv stem;
  private final BatchNorm stemNorm;
  private final List<BasicBlock> blocks = new ArrayList<>();
  private final Dense projection;
  private final int featureDim;

  /**
   * @param depth 6n + 2 for some n >= 1: 20, 32, 44, 56, 110, ...
   * @param featureDim size of the feature; 0 keeps the pooled 64-d output
   */
  private ResNet(Parameters parameters, int depth, int inputChannels, int featureDim) {
    if (!isValidDepth(depth)) {
      throw new IllegalArgumentException("depth must be 6n+2 (20, 32, 44, 56, 110...), got "
          + depth);
    }
    this.parameters = parameters;
    int blocksPerStage = (depth - 2) / 6;
    stem = new Conv(parameters, "stem_conv", 3, inputChannels, STAGE_FILTERS[0], 1);
    stemNorm = new BatchNorm(parameters, "stem_bn", STAGE_FILTERS[0]);
    int channels = STAGE_FILTERS[0];
    for (int stage = 0; stage < STAGE_FILTERS.length; stage++) {
      for (int block = 0; block < blocksPerStage; block++) {
        int stride = stage > 0 && block == 0 ? 2 : 1;
        String name = "stage" + (stage + 1) + "_block" + (block + 1);
        blocks.add(new BasicBlock(parameters, name, channels, STAGE_FILTERS[stage], stride));
        channels = STAGE_FILTERS[stage];
      }
    }
    projection = featureDim > 0 ? new Dense(parameters, "feature_projection", channels,
        featureDim) : null;
    this.featureDim = featureDim > 0 ? featureDim : channels;
  }

  /**
   * A ResNet for any TensorFlow-Java graph, its variables created there.
   *
   * <pre>{@code
   * ResNet resnet = ResNet.builder(tf).depth(20).inputChannels(3).build();
   * Operand<TFloat32> features = resnet.features(normalisedImages, Mode.TRAIN);
   * // train: minimise with resnet.parameters().trainables(), and run
   * // resnet.parameters().statisticUpdates() (batch-norm moving averages) with every step
   * }</pre>
   */
  public static Builder builder(Ops tf) {
    return new Builder(tf);
  }

  /** The weights, batch-norm statistics and their updates of this network. */
  public Parameters parameters() {
    return parameters;
  }

  /** Options of the network; every one has the default {@code gmloss train} has. */
  public static final class Builder extends VariableOptions<Builder> {
    private final Ops tf;
    private int depth = 20;
    private int inputChannels = 1;
    private int featureDim;

    private Builder(Ops tf) {
      this.tf = tf;
    }

    /** 6n + 2: 20 (default), 32, 44, 56, 110. */
    public Builder depth(int depth) {
      this.depth = depth;
      return this;
    }

    /** 1 for grey images (default), 3 for RGB. */
    public Builder inputChannels(int inputChannels) {
      this.inputChannels = inputChannels;
      return this;
    }

    /** A linear layer to this many dimensions after pooling; 0 (default) keeps the 64. */
    public Builder featureDim(int featureDim) {
      this.featureDim = featureDim;
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Creates the variables in the graph.
     *
     * @throws IllegalArgumentException for a depth that is not 6n + 2, or no input channel
     */
    public ResNet build() {
      if (inputChannels < 1 || featureDim < 0) {
        throw new IllegalArgumentException("input channels must be >= 1 and the feature"
            + " dimension >= 0");
      }
      return new ResNet(parameters(tf), depth, inputChannels, featureDim);
    }
  }

  public static boolean isValidDepth(int depth) {
    return depth >= 8 && (depth - 2) % 6 == 0;
  }

  /**
   * Multiply-adds of the convolutions for one image of {@code height x width x channels} (the
   * batch norms, additions, pooling and head add well under 1%): a forward pass costs twice this
   * in floating-point operations, a training step about three times that.
   */
  public static long convolutionMultiplyAdds(int height, int width, int channels, int depth) {
    int blocksPerStage = (depth - 2) / 6;
    long total = 9L * height * width * channels * STAGE_FILTERS[0];
    int inputs = STAGE_FILTERS[0];
    for (int stage = 0; stage < STAGE_FILTERS.length; stage++) {
      for (int block = 0; block < blocksPerStage; block++) {
        if (stage > 0 && block == 0) {
          height = (height + 1) / 2;
          width = (width + 1) / 2;
        }
        int filters = STAGE_FILTERS[stage];
        total += 9L * height * width * (inputs + filters) * filters;
        inputs = filters;
      }
    }
    return total;
  }

  @Override
  public int featureDim() {
    return featureDim;
  }

  /** Features [N, featureDim] of normalised NHWC images. */
  @Override
  public Operand<TFloat32> features(Operand<TFloat32> images, Mode mode) {
    Ops tf = parameters.tf();
    Operand<TFloat32> x = tf.nn.relu(stemNorm.apply(stem.apply(images), mode));
    for (BasicBlock block : blocks) {
      x = block.apply(x, mode);
    }
    Operand<TFloat32> pooled = tf.math.mean(x, tf.constant(new int[] {1, 2}));
    return projection == null ? pooled : projection.apply(pooled);
  }
}
