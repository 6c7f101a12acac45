package gmloss.network;

import gmloss.data.ChannelStatistics;
import gmloss.io.EnumNames;
import gmloss.loss.Likelihood;
import gmloss.loss.MeansInit;
import gmloss.loss.Variance;
import java.util.List;
import java.util.Locale;

/**
 * Everything needed to rebuild a network's graph, stored next to every checkpoint.
 *
 * @param height input height in pixels
 * @param width input width in pixels
 * @param channels input channels (1 grey, 3 RGB)
 * @param classNames one name per class, in label order
 * @param depth ResNet depth, 6n+2
 * @param featureDim feature size; 0 keeps the 64-d pooled output
 * @param head the loss and its head
 * @param meansInit how GM class means start
 * @param variance learned GM variances, if any
 * @param likelihood the GM class density: Caffe's or the paper's (null in specs written before
 *     the choice existed, which were Caffe's)
 * @param normalization per-channel statistics of the training pixels (0..255 scale)
 */
public record ModelSpec(int height, int width, int channels, List<String> classNames, int depth,
    int featureDim, HeadKind head, MeansInit meansInit, Variance variance, Likelihood likelihood,
    ChannelStatistics normalization) {

  public ModelSpec {
    likelihood = likelihood == null ? Likelihood.CAFFE : likelihood;
  }

  public int numClasses() {
    return classNames.size();
  }

  /** The network in words, as messages about a model name it. */
  public String describe() {
    return String.format(Locale.ROOT, "ResNet-%d %s model (feature %s, variance %s) of"
        + " %dx%dx%d images in %d classes", depth, EnumNames.of(head),
        featureDim == 0 ? "pooled" : Integer.toString(featureDim),
        EnumNames.of(variance.shape()), height, width, channels, numClasses());
  }
}
