package gmloss.data;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A labelled dataset with its training and test splits, the names of its classes, and
 * optionally a validation split held out of the training images.
 */
public record Dataset(String name, ImageSet train, ImageSet test, List<String> classNames,
    Optional<ImageSet> validation) {

  public Dataset(String name, ImageSet train, ImageSet test, List<String> classNames) {
    this(name, train, test, classNames, Optional.empty());
  }

  public int numClasses() {
    return classNames.size();
  }

  /** Keeps only the first examples of each split; a limit of 0 or less keeps the whole split. */
  public Dataset limited(int trainLimit, int testLimit) {
    return new Dataset(
        name,
        trainLimit > 0 ? train.first(trainLimit) : train,
        testLimit > 0 ? test.first(testLimit) : test,
        classNames, validation);
  }

  /**
   * Holds {@code count} training images out as a validation split, drawn at random with
   * {@code seed}; the rest stay training images, in their order.
   */
  public Dataset withValidation(int count, long seed) {
    if (count <= 0) {
      return this;
    }
    if (count >= train.size()) {
      throw new IllegalArgumentException("a validation split of " + count + " leaves no"
          + " training images of " + train.size());
    }
    int[] order = new int[train.size()];
    Arrays.setAll(order, i -> i);
    Random random = new Random(seed ^ 0x7A11DA7E5L);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int[] held = Arrays.copyOf(order, count);
    int[] kept = Arrays.copyOfRange(order, count, order.length);
    Arrays.sort(held);
    Arrays.sort(kept);
    return new Dataset(name, train.select(kept), test, classNames,
        Optional.of(train.select(held)));
  }
}
