package gmloss.network;

import gmloss.model.FeatureExtractor;
import gmloss.model.Parameters;
import gmloss.options.OptionException;

/**
 * A network as a plug-in of training: its name, and how it builds its variables for a model's
 * images. Training, checkpoints, export, loading, evaluation and detection take any network
 * through this; {@link NetworkTypes#RESNET} is the built-in one, and a program registers its
 * own with {@link NetworkTypes#register} before it trains, resumes or exports a run of it.
 *
 * <p>Thread safety: a type is shared by every run of it; {@link #build} must be safe to call
 * from the thread that builds each graph.
 */
public interface NetworkType {

  /** The name {@code --network} takes and every record of a run keeps: {@code resnet}. */
  String name();

  /**
   * Creates the network's variables in {@code parameters}' graph for images of the spec's
   * height, width and channels, with the spec's depth and feature size where they apply.
   */
  FeatureExtractor build(Parameters parameters, ModelSpec spec);

  /** The network in words, as logs and messages name it: "ResNet-20". */
  default String describe(ModelSpec spec) {
    return name();
  }

  /**
   * Refuses a depth or feature size the network cannot be built with; any by default.
   *
   * @throws OptionException naming the setting
   */
  default void check(int depth, int featureDim) throws OptionException {}
}
