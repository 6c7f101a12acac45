package gmloss.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The trunk of a classifier: normalised images in, one feature vector per image out, for the
 * loss head to classify. {@link ResNet} is one; a program's own network is another.
 */
public interface FeatureExtractor {

  /** The size D of the features. */
  int featureDim();

  /**
   * Features [N, D] of normalised NHWC images, on the training path (batch statistics, say) or
   * the inference path. The variables are those of the extractor's {@link Parameters}.
   */
  Operand<TFloat32> features(Operand<TFloat32> images, Mode mode);
}
