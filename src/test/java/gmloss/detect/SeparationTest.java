package gmloss.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** AUC and detection rate against pairs counted by hand. */
class SeparationTest {

  @Test
  void aucIsTheShareOfCleanSuspectPairsInTheRightOrder() {
    // Suspect 0 is below all four clean scores, 2.5 below two (3, 4), 5 below none: 6 of 12.
    assertEquals(0.5, Separation.auc(new double[] {1, 2, 3, 4}, new double[] {0, 2.5, 5}),
        1e-15);
    // Pairs (1,2) wrong, (1,0) right, (2,2) tie = 1/2, (2,0) right: 2.5 of 4.
    assertEquals(0.625, Separation.auc(new double[] {1, 2}, new double[] {2, 0}), 1e-15);
    assertEquals(1.0, Separation.auc(new double[] {5, 6}, new double[] {1, 2}), 1e-15);
    assertEquals(0.0, Separation.auc(new double[] {1, 2}, new double[] {5, 6}), 1e-15);
  }

  @Test
  void detectionRateIsMeasuredAtTheThresholdThatFlagsTheAllowedShareOfCleanInputs() {
    double[] clean = IntStream.rangeClosed(1, 20).asDoubleStream().toArray();
    // 5% of 20 clean inputs: one may be flagged, so the threshold is the second smallest, 2.
    Separation separation = Separation.of(clean, new double[] {0.5, 1.5, 3}, 0.05);
    assertEquals(2.0, separation.threshold());
    assertEquals(2.0 / 3, separation.detectionRate(), 1e-15);
    // No clean input may be flagged: the threshold is the smallest clean score, 1.
    assertEquals(1.0 / 3, Separation.of(clean, new double[] {0.5, 1.5, 3}, 0).detectionRate(),
        1e-15);
  }

  @Test
  void curveRunsFromNothingFlaggedToEverythingFlagged() {
    Separation.Curve curve = Separation.curve(new double[] {3, 4}, new double[] {1, 2});
    assertEquals(0.0, curve.falsePositives()[0]);
    assertEquals(0.0, curve.truePositives()[0]);
    int last = curve.falsePositives().length - 1;
    assertEquals(1.0, curve.falsePositives()[last]);
    assertEquals(1.0, curve.truePositives()[last]);
    // Perfect separation passes through (0, 1): threshold 3 flags both suspects, no clean input.
    assertArrayEquals(new double[] {0, 0, 0, 0.5, 1}, curve.falsePositives(), 1e-15);
    assertArrayEquals(new double[] {0, 0.5, 1, 1, 1}, curve.truePositives(), 1e-15);
    for (int i = 1; i <= last; i++) {
      assertTrue(curve.falsePositives()[i] >= curve.falsePositives()[i - 1]);
      assertTrue(curve.truePositives()[i] >= curve.truePositives()[i - 1]);
    }
  }

  @Test
  void emptySetsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Separation.of(new double[0], new double[] {1}, 0.05));
  }
}
