package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.inspect.LoadedModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gmloss plot}: curves of a run and the feature space of a 2-D model, as PNG. */
class PlotCommandTest {

  @TempDir
  Path work;

  /** A run directory with two epochs of metrics, as train writes them. */
  private Path runWithMetrics(String name) throws IOException {
    Path run = Files.createDirectories(work.resolve(name));
    Files.write(run.resolve("metrics.csv"), List.of(
        "epoch,lr,alpha,lambda,train_loss,train_likelihood,train_accuracy,test_loss,"
            + "test_accuracy,images_per_second,elapsed_seconds,variance_min,variance_max,"
            + "val_loss,val_accuracy",
        "1,0.1,0.1,0.01,1.5,3.0,0.6,0.6,0.75,300,200,,,,",
        "2,0.05,0.1,0.01,0.5,1.0,0.85,0.45,0.84,310,400,,,,"));
    return run;
  }

  @Test
  void curvesOfARunAreOnePngOfFourPanels() throws IOException {
    Path run = runWithMetrics("run");
    TrainCommandTest.Run result = TrainCommandTest.run("plot", "--run-dir", run.toString());
    assertEquals(0, result.code(), result.err());
    BufferedImage image = ImageIO.read(run.resolve("curves.png").toFile());
    assertEquals(1200, image.getWidth());
    assertEquals(800, image.getHeight());

    Files.write(run.resolve("metrics.csv"), List.of("epoch,lr", "1,fast"));
    TrainCommandTest.Run bad = TrainCommandTest.run("plot", "--run-dir", run.toString());
    assertEquals(List.of("gmloss plot: error: " + run.resolve("metrics.csv") + ": 'fast' in"
        + " column lr is not a number"), bad.err().lines().toList());
  }

  @Test
  void twoRunsAreComparedByTheirAccuraciesSideBySide() throws IOException {
    Path gm = runWithMetrics("gm");
    Path softmax = runWithMetrics("softmax");
    TrainCommandTest.Run result = TrainCommandTest.run("plot", "--run-dir", gm.toString(),
        "--compare", softmax.toString());
    assertEquals(0, result.code(), result.err());
    BufferedImage image = ImageIO.read(gm.resolve("compare-softmax.png").toFile());
    assertEquals(1200, image.getWidth());
    assertEquals(400, image.getHeight());

    Path empty = Files.createDirectories(work.resolve("empty"));
    TrainCommandTest.Run missing = TrainCommandTest.run("plot", "--run-dir", gm.toString(),
        "--compare", empty.toString(), "--out", work.resolve("never.png").toString());
    assertEquals(1, missing.code());
    assertEquals(List.of("gmloss plot: error: " + empty.resolve("metrics.csv")
        + ": not found; is this a run directory?"), missing.err().lines().toList());
    assertTrue(Files.notExists(work.resolve("never.png")));

    TrainCommandTest.Run alone = TrainCommandTest.run("plot", "--compare", softmax.toString());
    assertEquals(2, alone.code());
    assertTrue(alone.err().contains("--compare DIRS goes with --run-dir DIR"), alone.err());
  }

  @Test
  void threeRunsShareOnePictureWithALinePerRun() throws IOException {
    Path gm = runWithMetrics("gm");
    Path softmax = runWithMetrics("softmax");
    Path tpami = runWithMetrics("tpami");
    TrainCommandTest.Run result = TrainCommandTest.run("plot", "--run-dir", gm.toString(),
        "--compare", softmax + "," + tpami);
    assertEquals(0, result.code(), result.err());
    assertEquals(List.of("accuracies of " + gm + ", " + softmax + ", " + tpami + " written to "
        + gm.resolve("compare-softmax-tpami.png")), result.out().lines().toList());
    assertEquals(1200, ImageIO.read(gm.resolve("compare-softmax-tpami.png").toFile()).getWidth());

    TrainCommandTest.Run doubled = TrainCommandTest.run("plot", "--run-dir", gm.toString(),
        "--compare", softmax + ",," + tpami, "--out", work.resolve("never.png").toString());
    assertEquals(2, doubled.code());
    assertTrue(doubled.err().contains("an empty directory name"), doubled.err());
    assertTrue(Files.notExists(work.resolve("never.png")));
  }

  @Test
  void theFeatureSpaceOfATwoDimensionalModelShowsMeansAndVariances() throws IOException {
    Path run = work.resolve("two-d");
    assertEquals(0, Main.run(new String[] {"train", "--train-limit", "512", "--test-limit",
        "200", "--epochs", "1", "--depth", "8", "--batch-size", "64", "--feature-dim", "2",
        "--variance", "isotropic", "--run-dir", run.toString(), "--export-dir",
        work.resolve("two-d-model").toString()}, TrainCommandTest.quiet(), System.err));
    try (LoadedModel model = LoadedModel.open(work.resolve("two-d-model"))) {
      assertEquals(10, model.means().orElseThrow().length);
      assertEquals(2, model.means().orElseThrow()[0].length);
      float[] variances = model.variances().orElseThrow();
      assertEquals(10, variances.length);
      for (float v : variances) {
        assertTrue(v > 0, "positive variances");
      }
    }
    Path png = work.resolve("features.png");
    TrainCommandTest.Run result = TrainCommandTest.run("plot", "--model", run.toString(),
        "--features", "--limit", "200", "--out", png.toString());
    assertEquals(0, result.code(), result.err());
    assertEquals("features of 200 test images written to " + png, result.out().strip());
    assertEquals(900, ImageIO.read(png.toFile()).getWidth());

    TrainCommandTest.Run wide = TrainCommandTest.run("plot", "--model",
        "savedmodels/fashion-mnist-gm-resnet20", "--features");
    assertEquals(2, wide.code());
    assertEquals("gmloss plot: --model savedmodels/fashion-mnist-gm-resnet20: its feature has"
        + " 64 dimensions; train with --feature-dim 2 for this picture",
        wide.err().lines().findFirst().orElseThrow());
  }
}
