package gmloss.data;

import java.util.Random;

/**
 * Images made to fit a model of another shape, for out-of-distribution tests (say CIFAR-10 shown
 * to a Fashion-MNIST model): channels converted (RGB to grey by ITU-R BT.601 luma, grey to RGB by
 * repetition), then resized bilinearly with half-pixel centres, as TensorFlow's resize does.
 */
public final class ImageConversion {

  private ImageConversion() {}

  /**
   * The grey value of an RGB pixel (0..255 each) by ITU-R BT.601 luma, L = 0.299 R + 0.587 G +
   * 0.114 B, rounded in Pillow's fixed-point arithmetic, so that it equals
   * {@code Image.convert("L")}.
   */
  public static int luma(int red, int green, int blue) {
    return (red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16;
  }

  /** {@code set} with every image converted to {@code height x width x channels}. */
  public static ImageSet fit(ImageSet set, int height, int width, int channels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
    }
    if (set.channels() != 1 && set.channels() != 3) {
      throw new IllegalArgumentException("cannot convert " + set.channels() + "-channel images");
    }
    int outSize = height * width * channels;
    byte[] pixels = new byte[set.size() * outSize];
    double[] plane = new double[set.height() * set.width() * channels];
    for (int image = 0; image < set.size(); image++) {
      for (int y = 0; y < set.height(); y++) {
        for (int x = 0; x < set.width(); x++) {
          int at = (y * set.width() + x) * channels;
          if (set.channels() == channels) {
            for (int c = 0; c < channels; c++) {
              plane[at + c] = set.pixel(image, y, x, c);
            }
          } else if (channels == 1) {
            plane[at] = luma(set.pixel(image, y, x, 0), set.pixel(image, y, x, 1),
                set.pixel(image, y, x, 2));
          } else {
            for (int c = 0; c < 3; c++) {
              plane[at + c] = set.pixel(image, y, x, 0);
            }
          }
        }
      }
      resize(plane, set.height(), set.width(), channels, height, width, pixels,
          image * outSize);
    }
    return new ImageSet(pixels, set.labels().clone(), height, width, channels);
  }

  private static void resize(double[] plane, int inHeight, int inWidth, int channels,
      int height, int width, byte[] out, int offset) {
    double scaleY = (double) inHeight / height;
    double scaleX = (double) inWidth / width;
    for (int y = 0; y < height; y++) {
      double sourceY = Math.min(Math.max((y + 0.5) * scaleY - 0.5, 0), inHeight - 1);
      int y0 = (int) sourceY;
      int y1 = Math.min(y0 + 1, inHeight - 1);
      double fy = sourceY - y0;
      for (int x = 0; x < width; x++) {
        double sourceX = Math.min(Math.max((x + 0.5) * scaleX - 0.5, 0), inWidth - 1);
        int x0 = (int) sourceX;
        int x1 = Math.min(x0 + 1, inWidth - 1);
        double fx = sourceX - x0;
        for (int c = 0; c < channels; c++) {
          double top = (1 - fx) * plane[(y0 * inWidth + x0) * channels + c]
              + fx * plane[(y0 * inWidth + x1) * channels + c];
          double bottom = (1 - fx) * plane[(y1 * inWidth + x0) * channels + c]
              + fx * plane[(y1 * inWidth + x1) * channels + c];
          long value = Math.round((1 - fy) * top + fy * bottom);
          out[offset + (y * width + x) * channels + c] = (byte) Math.min(255, Math.max(0, value));
        }
      }
    }
  }

  /** {@code count} images of uniform random pixels in 0..255, all labelled 0. */
  public static ImageSet uniformNoise(int count, int height, int width, int channels,
      long seed) {
    byte[] pixels = new byte[count * height * width * channels];
    new Random(seed).nextBytes(pixels);
    return new ImageSet(pixels, new int[count], height, width, channels);
  }
}
