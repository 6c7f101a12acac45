package gmloss.data;

import java.util.Random;

/**
 * Training-time augmentation of He et al. for CIFAR: zero-pad by {@code padding} pixels, crop a
 * random window of the original size, and mirror half of the images horizontally.
 *
 * <p>Zero is the raw pixel value 0 (black): padding happens before normalisation, as in the
 * reference recipes.
 */
public record Augmentation(int padding, boolean flip) {

  public static final int DEFAULT_PADDING = 4;

  /** Copies image {@code index} of {@code set} into {@code target} as float pixel values. */
  public static void copy(ImageSet set, int index, float[] target, int offset) {
    int size = set.imageSize();
    byte[] pixels = set.pixels();
    int source = index * size;
    for (int i = 0; i < size; i++) {
      target[offset + i] = pixels[source + i] & 0xff;
    }
  }

  /** Writes an augmented copy of image {@code index} into {@code target}. */
  public void apply(ImageSet set, int index, float[] target, int offset, Random random) {
    int height = set.height();
    int width = set.width();
    int channels = set.channels();
    int shiftY = random.nextInt(2 * padding + 1) - padding;
    int shiftX = random.nextInt(2 * padding + 1) - padding;
    boolean mirror = flip && random.nextBoolean();
    byte[] pixels = set.pixels();
    int imageStart = index * set.imageSize();
    int out = offset;
    for (int y = 0; y < height; y++) {
      int sourceY = y + shiftY;
      for (int x = 0; x < width; x++) {
        int sourceX = (mirror ? width - 1 - x : x) + shiftX;
        boolean inside = sourceY >= 0 && sourceY < height && sourceX >= 0 && sourceX < width;
        int source = imageStart + (sourceY * width + sourceX) * channels;
        for (int c = 0; c < channels; c++) {
          target[out++] = inside ? pixels[source + c] & 0xff : 0f;
        }
      }
    }
  }
}
