package gmloss.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gmloss.data.ImageSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The unfamiliar images come from all over the other dataset, not from its first class. */
class UnfamiliarSetTest {

  /** {@code count} 1x1 grey images whose pixel and label are their index (labels: index / 10). */
  private static ImageSet numbered(int count) {
    byte[] pixels = new byte[count];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      pixels[i] = (byte) i;
      labels[i] = i / 10;
    }
    return new ImageSet(pixels, labels, 1, 1, 1);
  }

  @Test
  void theImagesAreSpreadEvenlyOverTheSetSoEveryClassIsIn() {
    UnfamiliarSet set = UnfamiliarSet.of(numbered(100), "numbers", 10, List.of(1, 1, 1));
    assertArrayEquals(new byte[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90}, set.images().pixels());
    assertEquals("numbers test split, 10 images spread evenly over its 100, as 1x1x1",
        set.name());
    UnfamiliarSet uneven = UnfamiliarSet.of(numbered(15), "numbers", 10, List.of(1, 1, 1));
    assertArrayEquals(new byte[] {0, 1, 3, 4, 6, 7, 9, 10, 12, 13}, uneven.images().pixels());
    UnfamiliarSet all = UnfamiliarSet.of(numbered(5), "numbers", 10, List.of(1, 1, 1));
    assertEquals(5, all.images().size());
    assertEquals("numbers test split, all 5 images, as 1x1x1", all.name());
  }
}
