package gmloss.detect;

import gmloss.data.ImageConversion;
import gmloss.data.ImageSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Inputs a model was not trained on, converted to its image shape, with a name for reports.
 *
 * @param name what the images are, as a report names them
 */
public record UnfamiliarSet(ImageSet images, String name) {

  /**
   * {@code count} images of {@code test}, another dataset's test split, spread evenly over it
   * (image floor(i n / count) for i = 0, 1, ..., of its n), at the model's size and channels.
   * Spread, because a folder dataset lists its images class by class: its first thousand CIFAR-10
   * test images are all airplanes.
   *
   * @param shape the model's height, width and channels
   */
  public static UnfamiliarSet of(ImageSet test, String datasetName, int count,
      List<Integer> shape) {
    int taken = Math.min(count, test.size());
    int[] indices = IntStream.range(0, taken)
        .map(i -> (int) ((long) i * test.size() / taken)).toArray();
    ImageSet images = ImageConversion.fit(test.select(indices), shape.get(0), shape.get(1),
        shape.get(2));
    return new UnfamiliarSet(images, String.format(Locale.ROOT, "%s test split, %s, as %dx%dx%d",
        datasetName, taken == test.size() ? "all " + taken + " images"
            : taken + " images spread evenly over its " + test.size(),
        shape.get(0), shape.get(1), shape.get(2)));
  }

  /** {@code count} images of seeded uniform noise of the model's shape. */
  public static UnfamiliarSet noise(int count, List<Integer> shape, long seed) {
    ImageSet images = ImageConversion.uniformNoise(count, shape.get(0), shape.get(1),
        shape.get(2), seed);
    return new UnfamiliarSet(images, "uniform noise, " + images.size() + " images");
  }
}
