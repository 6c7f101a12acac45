package gmloss.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fit measure on constructed features whose answer is known by hand. */
class MixtureFitTest {

  /** Class 0: (±1, 0) around (0, 0); class 1: (10 ± 2, 0) around (10, 0). */
  private static final float[][] FEATURES = {{-1, 0}, {1, 0}, {8, 0}, {12, 0}};
  private static final int[] LABELS = {0, 0, 1, 1};

  @Test
  void meansAtTheCentroidsFitPerfectly() {
    MixtureFit fit = MixtureFit.of(FEATURES, LABELS, new float[][] {{0, 0}, {10, 0}},
        Optional.empty());
    assertArrayEquals(new double[] {0, 0}, fit.relativeOffsets(), 1e-12);
    assertEquals(1.0, fit.ownLikelihoodShare());
  }

  @Test
  void anOffsetIsMeasuredInUnitsOfTheClustersSpread() {
    // Class 0's spread is 1 (RMS distance to its centroid), class 1's is 2. Moving mean 0 by
    // (0, 1) is one spread; moving mean 1 by 3 towards the origin is 1.5 spreads.
    MixtureFit fit = MixtureFit.of(FEATURES, LABELS, new float[][] {{0, 1}, {7, 0}},
        Optional.empty());
    assertArrayEquals(new double[] {1.0, 1.5}, fit.relativeOffsets(), 1e-12);
    assertEquals(1.25, fit.meanRelativeOffset(), 1e-12);
    // (8, 0) is nearer (7, 0) than (0, 1): all still most likely under their own class.
    assertEquals(1.0, fit.ownLikelihoodShare());
  }

  @Test
  void theLikelihoodWeighsDistancesByTheVariances() {
    // Means at (0, 0) and (4, 0): the feature (1, 0) of class 0 is nearer its own mean, but a
    // tiny variance of class 0 (0.01) makes its density there lower than class 1's (variance 9):
    // class 0: -1/2 (1/0.01 + 2 log 0.01) = -45.4; class 1: -1/2 (9/9 + 2 log 9) = -2.70.
    float[][] means = {{0, 0}, {4, 0}};
    float[][] features = {{1, 0}, {4, 0}};
    int[] labels = {0, 1};
    assertEquals(1.0, MixtureFit.of(features, labels, means, Optional.empty())
        .ownLikelihoodShare());
    assertEquals(0.5, MixtureFit.of(features, labels, means,
        Optional.of(new float[] {0.01f, 9f})).ownLikelihoodShare());
    // Diagonal: the same with one variance per class and dimension, [C * D].
    assertEquals(0.5, MixtureFit.of(features, labels, means,
        Optional.of(new float[] {0.01f, 0.01f, 9f, 9f})).ownLikelihoodShare());
  }
}
