package gmloss.detect;

import gmloss.data.ImageConversion;
import gmloss.data.ImageSet;
import java.util.List;
import java.util.Locale;

/**
 * Inputs a model was not trained on, converted to its image shape, with a name for reports.
 *
 * @param name what the images are, as a report names them
 */
public record UnfamiliarSet(ImageSet images, String name) {

  /**
   * The first {@code count} images of {@code test}, another dataset's test split, at the model's
   * size and channels.
   *
   * @param shape the model's height, width and channels
   */
  public static UnfamiliarSet of(ImageSet test, String datasetName, int count,
      List<Integer> shape) {
    ImageSet images = ImageConversion.fit(test.first(count), shape.get(0), shape.get(1),
        shape.get(2));
    return new UnfamiliarSet(images, String.format(Locale.ROOT,
        "%s test split, first %d images, as %dx%dx%d", datasetName, images.size(), shape.get(0),
        shape.get(1), shape.get(2)));
  }

  /** {@code count} images of seeded uniform noise of the model's shape. */
  public static UnfamiliarSet noise(int count, List<Integer> shape, long seed) {
    ImageSet images = ImageConversion.uniformNoise(count, shape.get(0), shape.get(1),
        shape.get(2), seed);
    return new UnfamiliarSet(images, "uniform noise, " + images.size() + " images");
  }
}
