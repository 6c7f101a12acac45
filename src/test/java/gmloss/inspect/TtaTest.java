package gmloss.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gmloss.data.DatasetKind;
import gmloss.data.ImageSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Flip test-time augmentation: the mirror is the mirror, and the logits are averaged. */
class TtaTest {

  private static final Path COMMITTED = Path.of("savedmodels", "fashion-mnist-gm-resnet20");

  @Test
  void theMirrorReversesEachRowPixelByPixelKeepingChannelsTogether() {
    // two images of 2 rows x 3 columns x 2 channels; pixel value = 10 * column + channel
    float[] pixels = new float[2 * 2 * 3 * 2];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = 100 * (i / 12) + 10 * (i / 2 % 3) + i % 2;
    }
    float[] mirrored = Tta.mirrored(pixels, 2, List.of(2, 3, 2));
    assertArrayEquals(new float[] {20, 21, 10, 11, 0, 1, 20, 21, 10, 11, 0, 1,
        120, 121, 110, 111, 100, 101, 120, 121, 110, 111, 100, 101}, mirrored);
    assertArrayEquals(pixels, Tta.mirrored(mirrored, 2, List.of(2, 3, 2)));
  }

  @Test
  void theMeanOfTwoViewsAveragesLogitsAndTakesClassAndSoftmaxFromTheMean() {
    LoadedModel.Predictions a = new LoadedModel.Predictions(new long[] {0},
        new float[][] {{2, 0}}, new float[][] {{0.88f, 0.12f}}, new float[][] {{1, 3}},
        Optional.of(new float[][] {{-2, 0}}), Optional.of(new float[] {-1}));
    LoadedModel.Predictions b = new LoadedModel.Predictions(new long[] {1},
        new float[][] {{0, 4}}, new float[][] {{0.02f, 0.98f}}, new float[][] {{3, 5}},
        Optional.of(new float[][] {{0, -4}}), Optional.of(new float[] {-3}));
    LoadedModel.Predictions mean = a.meanWith(b);
    assertArrayEquals(new float[] {1, 2}, mean.logits()[0]);
    assertEquals(1, mean.classes()[0]);
    // softmax(1, 2) = (1, e) / (1 + e)
    assertArrayEquals(new float[] {0.268941f, 0.731059f}, mean.probabilities()[0], 1e-6f);
    assertArrayEquals(new float[] {2, 4}, mean.features()[0]);
    assertArrayEquals(new float[] {-1, -2}, mean.distances().orElseThrow()[0]);
    assertArrayEquals(new float[] {-2}, mean.logLikelihood().orElseThrow());
  }

  @Test
  void flipTtaSeesAnImageAndItsMirrorAlikeWhereThePlainModelDoesNot() throws IOException {
    ImageSet test = DatasetKind.FASHION_MNIST.load(
        DatasetKind.FASHION_MNIST.defaultDirectory().orElseThrow(), false).test().first(8);
    float[] pixels = new float[8 * 28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = test.pixels()[i] & 0xff;
    }
    float[] mirrored = Tta.mirrored(pixels, 8, List.of(28, 28, 1));
    try (LoadedModel model = LoadedModel.open(COMMITTED)) {
      LoadedModel.Predictions plain = model.predict(pixels, 8);
      LoadedModel.Predictions plainMirrored = model.predict(mirrored, 8);
      LoadedModel.Predictions flip = Tta.FLIP.predict(model, pixels, 8);
      LoadedModel.Predictions flipMirrored = Tta.FLIP.predict(model, mirrored, 8);
      double plainDifference = 0;
      for (int i = 0; i < 8; i++) {
        assertArrayEquals(flip.logits()[i], flipMirrored.logits()[i], 1e-5f, "image " + i);
        for (int k = 0; k < 10; k++) {
          plainDifference += Math.abs(plain.logits()[i][k] - plainMirrored.logits()[i][k]);
          assertEquals((plain.logits()[i][k] + plainMirrored.logits()[i][k]) / 2,
              flip.logits()[i][k], 1e-5f);
        }
      }
      // The model is not symmetric, so the test above is not trivially met.
      assertEquals(true, plainDifference > 1, "plain logits of image and mirror differ by "
          + plainDifference);
    }
  }
}
