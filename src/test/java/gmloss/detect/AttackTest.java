package gmloss.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.data.Batch;
import gmloss.data.BatchLoader;
import gmloss.data.DatasetKind;
import gmloss.data.ImageSet;
import gmloss.inspect.LoadedModel;
import gmloss.inspect.Logits;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacks on the committed Fashion-MNIST model: they raise its loss, and no pixel leaves
 * the epsilon ball or 0..255; the gradient they follow is the loss's.
 */
class AttackTest {

  private static final Path COMMITTED = Path.of("savedmodels", "fashion-mnist-gm-resnet20");
  private static final int IMAGES = 40;

  private static LoadedModel model;
  private static float[] clean;
  private static int[] labels;

  @BeforeAll
  static void load() throws IOException {
    model = LoadedModel.open(COMMITTED);
    ImageSet test = DatasetKind.FASHION_MNIST.load(
        DatasetKind.FASHION_MNIST.defaultDirectory().orElseThrow(), false).test().first(IMAGES);
    try (BatchLoader.Stream batches = BatchLoader.evaluation(test, IMAGES).epoch(0);
        Batch batch = batches.next()) {
      clean = new float[(int) batch.images().size()];
      batch.images().asRawTensor().data().asFloats().read(clean);
      labels = new int[IMAGES];
      batch.labels().asRawTensor().data().asInts().read(labels);
    }
  }

  @AfterAll
  static void close() throws IOException {
    model.close();
  }

  /** Mean cross entropy of the model's label-free logits, in double. */
  private static double loss(float[] pixels) {
    float[][] logits = model.predict(pixels, labels.length).logits();
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      sum -= Logits.logSoftmax(logits[i], labels[i]);
    }
    return sum / logits.length;
  }

  private static void assertInBallAndRange(float[] adversarial, float epsilon) {
    for (int i = 0; i < clean.length; i++) {
      assertTrue(Math.abs(adversarial[i] - clean[i]) <= epsilon + 1e-4f, "ball at " + i);
      assertTrue(adversarial[i] >= 0 && adversarial[i] <= 255, "range at " + i);
    }
  }

  @Test
  void fgsmAndPgdRaiseTheLossAndStayInTheBallAndTheRange() {
    double before = loss(clean);
    float[] fgsm = new Attack(Attack.Kind.FGSM, 8, 1, 8, 1).perturb(clean, labels,
        model::lossGradient);
    float[] pgd = new Attack(Attack.Kind.PGD, 8, 5, 2, 1).perturb(clean, labels,
        model::lossGradient);
    assertInBallAndRange(fgsm, 8);
    assertInBallAndRange(pgd, 8);
    double afterFgsm = loss(fgsm);
    double afterPgd = loss(pgd);
    assertTrue(afterFgsm > before + 0.5, before + " -> FGSM " + afterFgsm);
    assertTrue(afterPgd > afterFgsm, "PGD " + afterPgd + " not above FGSM " + afterFgsm);
  }

  @Test
  void fgsmMovesEveryPixelByEpsilonUnlessTheRangeStopsIt() {
    float[] gradient = model.lossGradient(clean, labels);
    float[] fgsm = new Attack(Attack.Kind.FGSM, 8, 1, 8, 1).perturb(clean, labels,
        (pixels, classes) -> gradient);
    for (int i = 0; i < clean.length; i++) {
      float expected = Math.min(255, Math.max(0, clean[i] + 8 * Math.signum(gradient[i])));
      assertEquals(expected, fgsm[i], 0f, "pixel " + i);
    }
  }

  @Test
  void pgdFromTheImageTakesItsFirstStepFromTheCleanPixels() {
    float[] fgsm = new Attack(Attack.Kind.FGSM, 8, 1, 8, 1).perturb(clean, labels,
        model::lossGradient);
    float[] fromImage = new Attack(Attack.Kind.PGD, 8, 1, 8, 1, Attack.Start.IMAGE)
        .perturb(clean, labels, model::lossGradient);
    float[] fromRandom = new Attack(Attack.Kind.PGD, 8, 1, 8, 1, Attack.Start.RANDOM)
        .perturb(clean, labels, model::lossGradient);
    assertArrayEquals(fgsm, fromImage, 0f, "one PGD step of epsilon from the image is FGSM");
    assertTrue(!java.util.Arrays.equals(fgsm, fromRandom), "a random start moves the step");
  }

  @Test
  void lossGradientMatchesFiniteDifferences() {
    float[] gradient = model.lossGradient(clean, labels);
    for (int image = 0; image < 10; image++) {
      int largest = image * 28 * 28;
      for (int i = largest; i < (image + 1) * 28 * 28; i++) {
        largest = Math.abs(gradient[i]) > Math.abs(gradient[largest]) ? i : largest;
      }
      // Small against a pixel's range, so that no ReLU changes side: within 2% measured here.
      float step = 0.05f;
      float[] up = clean.clone();
      float[] down = clean.clone();
      up[largest] += step;
      down[largest] -= step;
      // A pixel moves only its own image's loss.
      double numeric = (imageLoss(up, image) - imageLoss(down, image)) / (2 * step);
      assertEquals(gradient[largest], numeric, 0.03 * Math.abs(gradient[largest]),
          "pixel " + largest);
    }
  }

  private static double imageLoss(float[] pixels, int image) {
    float[] logits = model.predict(pixels, labels.length).logits()[image];
    return -Logits.logSoftmax(logits, labels[image]);
  }

  @Test
  void pgdStartIsSeeded() {
    Attack attack = new Attack(Attack.Kind.PGD, 4, 1, 1, 7);
    Attack.LossGradient none = (pixels, classes) -> new float[pixels.length];
    float[] a = attack.perturb(clean, labels, none);
    assertTrue(java.util.Arrays.equals(a, attack.perturb(clean, labels, none)));
    assertInBallAndRange(a, 4);
  }

  @Test
  void impossibleAttacksAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Attack(Attack.Kind.FGSM, 0, 1, 1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new Attack(Attack.Kind.FGSM, 256, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Attack(Attack.Kind.PGD, 8, 0, 1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> model.lossGradient(new float[3], new int[] {0}));
    assertThrows(IllegalArgumentException.class,
        () -> model.lossGradient(new float[28 * 28], new int[] {10}));
  }
}
