package gmloss.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Converting images to another model's shape, against values computed by hand. */
class ImageConversionTest {

  private static ImageSet one(int height, int width, int channels, int... values) {
    byte[] pixels = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      pixels[i] = (byte) values[i];
    }
    return new ImageSet(pixels, new int[] {7}, height, width, channels);
  }

  private static int[] unsigned(ImageSet set) {
    int[] values = new int[set.pixels().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = set.pixels()[i] & 0xff;
    }
    return values;
  }

  @Test
  void rgbBecomesGreyByLuma() {
    // 0.299 * 100 + 0.587 * 200 + 0.114 * 50 = 29.9 + 117.4 + 5.7 = 153
    ImageSet grey = ImageConversion.fit(one(1, 1, 3, 100, 200, 50), 1, 1, 1);
    assertArrayEquals(new int[] {153}, unsigned(grey));
    assertArrayEquals(new int[] {7}, grey.labels());
  }

  @Test
  void greyBecomesRgbByRepetition() {
    assertArrayEquals(new int[] {9, 9, 9, 250, 250, 250},
        unsigned(ImageConversion.fit(one(1, 2, 1, 9, 250), 1, 2, 3)));
  }

  @Test
  void halvingWithHalfPixelCentresAveragesEachPairOfPixels() {
    // Output pixel 0 of 1 sits at input coordinate (0 + 0.5) * 2 - 0.5 = 0.5 on both axes.
    assertArrayEquals(new int[] {139},
        unsigned(ImageConversion.fit(one(2, 2, 1, 0, 100, 200, 255), 1, 1, 1)));
  }

  @Test
  void sameShapeIsUnchanged() {
    int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    assertArrayEquals(values, unsigned(ImageConversion.fit(one(2, 2, 3, values), 2, 2, 3)));
  }

  @Test
  void a32By32ImageShrinksTo28By28() {
    ImageSet set = ImageConversion.fit(new ImageSet(new byte[2 * 32 * 32 * 3], new int[2], 32,
        32, 3), 28, 28, 1);
    assertEquals(List.of(2, 28, 28, 1),
        List.of(set.size(), set.height(), set.width(), set.channels()));
  }

  @Test
  void noiseIsSeeded() {
    ImageSet a = ImageConversion.uniformNoise(3, 4, 4, 1, 1);
    assertArrayEquals(a.pixels(), ImageConversion.uniformNoise(3, 4, 4, 1, 1).pixels());
    assertFalse(Arrays.equals(a.pixels(), ImageConversion.uniformNoise(3, 4, 4, 1, 2).pixels()));
  }
}
