package gmloss.data;

import java.util.Arrays;

/**
 * A split of a dataset: images as unsigned bytes in NHWC order and one integer label per image.
 */
public record ImageSet(byte[] pixels, int[] labels, int height, int width, int channels) {

  public ImageSet {
    long expected = (long) labels.length * height * width * channels;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          "pixel buffer holds " + pixels.length + " bytes, expected " + expected);
    }
  }

  public int size() {
    return labels.length;
  }

  public int imageSize() {
    return height * width * channels;
  }

  /** The first {@code count} images, or this set if it has no more than that. */
  public ImageSet first(int count) {
    if (count >= size()) {
      return this;
    }
    return new ImageSet(
        Arrays.copyOf(pixels, count * imageSize()),
        Arrays.copyOf(labels, count),
        height, width, channels);
  }

  /** The images at {@code indices}, in that order. */
  public ImageSet select(int[] indices) {
    int size = imageSize();
    byte[] selected = new byte[indices.length * size];
    int[] selectedLabels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(pixels, indices[i] * size, selected, i * size, size);
      selectedLabels[i] = labels[indices[i]];
    }
    return new ImageSet(selected, selectedLabels, height, width, channels);
  }

  /** Unsigned value of one pixel channel. */
  public int pixel(int image, int y, int x, int channel) {
    return pixels[((image * height + y) * width + x) * channels + channel] & 0xff;
  }
}
