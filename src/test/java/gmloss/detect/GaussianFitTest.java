package gmloss.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.inspect.LoadedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The post-hoc Gaussians and every score, against values worked out by hand. */
class GaussianFitTest {

  /**
   * Class 0 at (0, 0) and (2, 0), class 1 at (0, 2) and (0, 4): means (1, 0) and (0, 3); the
   * centred features (-1, 0), (1, 0), (0, -1), (0, 1) give Sigma = diag(1/2, 1/2).
   */
  static final float[][] FEATURES = {{0, 0}, {2, 0}, {0, 2}, {0, 4}};
  static final int[] LABELS = {0, 0, 1, 1};

  @TempDir
  Path work;

  @Test
  void meansAndSharedCovarianceAreThoseWorkedOutByHand() {
    GaussianFit fit = GaussianFit.of(FEATURES, LABELS, 2);
    assertArrayEquals(new double[] {1, 0}, fit.means()[0], 0);
    assertArrayEquals(new double[] {0, 3}, fit.means()[1], 0);
    assertArrayEquals(new double[] {0.5, 0}, fit.covariance()[0], 0);
    assertArrayEquals(new double[] {0, 0.5}, fit.covariance()[1], 0);
    assertEquals(4, fit.images());
    // (1, 1): to (1, 0) the difference (0, 1), 1 / (1/2) = 2; to (0, 3) (1, -2), (1 + 4) / (1/2)
    double ridge = 1 + GaussianFit.RIDGE;
    assertArrayEquals(new double[] {2 / ridge, 10 / ridge},
        fit.squaredDistances(new float[] {1, 1}, fit.means()), 1e-12);
  }

  @Test
  void aClassWithoutFeaturesCannotBeFitted() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> GaussianFit.of(FEATURES, LABELS, 3));
    assertEquals("class 2 has no feature to fit its mean to", missing.getMessage());
  }

  @Test
  void aDimensionThatNeverVariesIsHeldByTheRidge() {
    float[][] flat = {{0, 5}, {2, 5}, {0, 5}, {2, 5}};
    GaussianFit fit = GaussianFit.of(flat, LABELS, 2);
    // Sigma = diag(1, 0); the ridge adds 1e-6 x its mean diagonal, 1/2, to both.
    double[] along = fit.squaredDistances(new float[] {2, 5}, fit.means());
    assertEquals(1 / (1 + 0.5e-6), along[0], 1e-12, "the varying dimension: 1 / 1");
    double[] across = fit.squaredDistances(new float[] {1, 6}, fit.means());
    assertEquals(1 / 0.5e-6, across[0], 1e-3, "the flat dimension: 1 / ridge");
  }

  @Test
  void everyScoreIsItsFormulaOnOnePrediction() {
    GaussianFit fit = GaussianFit.of(FEATURES, LABELS, 2);
    // One image: feature (1, 1), logits (0, ln 3), predicted class 1; learned means (1, 1), (0, 0)
    LoadedModel.Predictions predictions = new LoadedModel.Predictions(new long[] {1},
        new float[][] {{0, (float) Math.log(3)}}, new float[][] {{0.25f, 0.75f}},
        new float[][] {{1, 1}}, Optional.of(new float[][] {{0, 1}}), Optional.of(new float[] {
            -1}));
    Scorer scorer = new Scorer(Optional.of(fit), Optional.of(new float[][] {{1, 1}, {0, 0}}));
    double ridge = 1 + GaussianFit.RIDGE;
    assertEquals(-1, scorer.value(Score.LOG_LIKELIHOOD, predictions, 0), 0);
    assertEquals(Math.log(0.75), scorer.value(Score.LOG_MAX_PROBABILITY, predictions, 0), 1e-6);
    assertEquals(Math.log(4), scorer.value(Score.NEGATIVE_ENERGY, predictions, 0), 1e-6);
    assertEquals(-2 / ridge, scorer.value(Score.NEGATIVE_MAHALANOBIS, predictions, 0), 1e-9);
    // predicted class 1: fitted mean (0, 3), squared distance 10
    assertEquals(-5 / ridge, scorer.value(Score.FITTED_LOG_LIKELIHOOD, predictions, 0), 1e-9);
    // learned mean of class 1 is (0, 0): difference (1, 1), 2 / (1/2) = 4
    assertEquals(-2 / ridge,
        scorer.value(Score.LOG_LIKELIHOOD_FITTED_COVARIANCE, predictions, 0), 1e-9);
  }

  @Test
  void aFitIsKeptUnderTheModelsContentAndComputedAgainForAnother() throws IOException {
    Path model = Files.createDirectories(work.resolve("model"));
    Files.writeString(model.resolve("saved_model.pb"), "graph");
    FitCache cache = new FitCache(work.resolve("cache"));
    int[] computed = {0};
    FitCache.Entry first = cache.get(model, "data", () -> {
      computed[0]++;
      return GaussianFit.of(FEATURES, LABELS, 2);
    });
    assertFalse(first.cached());
    FitCache.Entry again = cache.get(model, "data", () -> {
      computed[0]++;
      return GaussianFit.of(FEATURES, LABELS, 2);
    });
    assertTrue(again.cached());
    assertEquals(1, computed[0]);
    assertEquals(first.file(), again.file());
    assertArrayEquals(first.fit().covariance()[0], again.fit().covariance()[0], 0);

    assertNotEquals(first.file(), cache.get(model, "other data",
        () -> GaussianFit.of(FEATURES, LABELS, 2)).file());
    Files.writeString(model.resolve("saved_model.pb"), "another graph");
    FitCache.Entry changed = cache.get(model, "data", () -> GaussianFit.of(FEATURES, LABELS, 2));
    assertFalse(changed.cached());
    assertNotEquals(first.file(), changed.file());

    Files.writeString(changed.file(), "{ damaged");
    assertFalse(cache.get(model, "data", () -> GaussianFit.of(FEATURES, LABELS, 2)).cached());
  }
}
