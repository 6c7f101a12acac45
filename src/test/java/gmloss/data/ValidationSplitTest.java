package gmloss.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A validation split is drawn from the training images with the seed, and never overlaps. */
class ValidationSplitTest {

  /** 20 one-pixel images whose pixel is their index; labels index % 4. */
  private static Dataset twenty() {
    byte[] pixels = new byte[20];
    int[] labels = new int[20];
    for (int i = 0; i < 20; i++) {
      pixels[i] = (byte) i;
      labels[i] = i % 4;
    }
    ImageSet train = new ImageSet(pixels, labels, 1, 1, 1);
    return new Dataset("t", train, train.first(2), List.of("a", "b", "c", "d"));
  }

  private static List<Integer> ids(ImageSet set) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < set.size(); i++) {
      ids.add(set.pixel(i, 0, 0, 0));
      assertEquals(set.pixel(i, 0, 0, 0) % 4, set.labels()[i], "labels travel with images");
    }
    return ids;
  }

  @Test
  void theSplitIsSeededDisjointAndComplete() {
    Dataset split = twenty().withValidation(5, 42);
    List<Integer> validation = ids(split.validation().orElseThrow());
    List<Integer> train = ids(split.train());
    assertEquals(5, validation.size());
    assertEquals(15, train.size());
    List<Integer> all = new ArrayList<>(validation);
    all.addAll(train);
    all.sort(null);
    assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), all);
    assertEquals(validation, ids(twenty().withValidation(5, 42).validation().orElseThrow()));
    assertNotEquals(validation, ids(twenty().withValidation(5, 43).validation().orElseThrow()));
    assertArrayEquals(twenty().test().labels(), split.test().labels());
    assertEquals(twenty().train().size(), twenty().withValidation(0, 1).train().size());
    assertThrows(IllegalArgumentException.class, () -> twenty().withValidation(20, 1));
  }
}
