package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import gmloss.detect.Separation;
import gmloss.export.ModelCard;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code gmloss detect} on the committed GM model and a small softmax model: what it reports,
 * what it draws, and the command lines it refuses.
 */
@Tag("slow")
class DetectCommandTest {

  private static final Path COMMITTED = Path.of("savedmodels", "fashion-mnist-gm-resnet20");

  @TempDir
  Path work;

  /** All scores of {@code detect --json}; the Gaussians fitted to 1,000 training images. */
  private JsonObject detectJson(String... more) {
    List<String> args = new ArrayList<>(List.of("detect", "--json", "--fit-limit", "1000",
        "--fit-cache", work.resolve("fits").toString()));
    args.addAll(List.of(more));
    TrainCommandTest.Run run = TrainCommandTest.run(args.toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    return JsonParser.parseString(run.out()).getAsJsonObject();
  }

  /** A folder dataset of {@code count} 32x32 RGB images per split, in one class. */
  private Path rgbFolder(int count) throws IOException {
    BufferedImage rgb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 32; x++) {
      rgb.setRGB(x, x, 0xff8040);
    }
    for (String split : List.of("train", "test")) {
      Path folder = Files.createDirectories(work.resolve("rgb").resolve(split).resolve("a"));
      for (int i = 0; i < count; i++) {
        ImageIO.write(rgb, "png", folder.resolve(i + ".png").toFile());
      }
    }
    return work.resolve("rgb");
  }

  /** One score column of the rows of one set, in order. */
  private static double[] column(List<String> rows, String set, int column) {
    return rows.stream().skip(1).map(row -> row.split(",")).filter(cells -> cells[0].equals(set))
        .mapToDouble(cells -> Double.parseDouble(cells[column])).toArray();
  }

  @Test
  void gmModelIsScoredByLikelihoodAndSoftmaxAndThePlotsAreWritten() throws IOException {
    Path plots = work.resolve("plots");
    Path scoresCsv = work.resolve("scores.csv");
    JsonObject result = detectJson("--model", COMMITTED.toString(), "--limit", "60",
        "--attack", "fgsm", "--epsilon", "16", "--ood-dataset", "folder", "--ood-data-dir",
        rgbFolder(3).toString(), "--plot", plots.toString(), "--scores", scoresCsv.toString());
    // The per-input scores give back the AUC and the threshold the report states.
    List<String> rows = Files.readAllLines(scoresCsv);
    assertEquals("set,index,log-likelihood,log-max-probability,negative-energy,"
        + "negative-mahalanobis,fitted-log-likelihood,log-likelihood-fitted-covariance",
        rows.get(0));
    assertEquals(1 + 60 + 60 + 3, rows.size());
    double[] clean = column(rows, "clean", 2);
    double[] adversarial = column(rows, "adversarial", 2);
    JsonObject all = result.getAsJsonObject("scores").getAsJsonObject("log-likelihood")
        .getAsJsonObject("adversarial, all");
    Separation recomputed = Separation.of(clean, adversarial, 0.05);
    assertEquals(all.get("auc").getAsDouble(), recomputed.auc(), 1e-6);
    assertEquals(all.get("threshold").getAsDouble(), recomputed.threshold(),
        1e-6 * Math.abs(recomputed.threshold()));
    JsonObject evaluated = JsonParser.parseString(TrainCommandTest.run("evaluate", "--json",
        "--model", COMMITTED.toString(), "--limit", "60").out()).getAsJsonObject();
    assertEquals(evaluated.get("accuracy").getAsDouble(),
        result.get("cleanAccuracy").getAsDouble(), 1e-12);
    assertTrue(result.get("adversarialAccuracy").getAsDouble()
        < result.get("cleanAccuracy").getAsDouble() - 0.2, result.toString());
    assertEquals("folder:rgb test split, all 3 images, as 28x28x1",
        result.get("unfamiliar").getAsString());
    JsonObject scores = result.getAsJsonObject("scores");
    assertEquals(Set.of("log-likelihood", "log-max-probability", "negative-energy",
        "negative-mahalanobis", "fitted-log-likelihood", "log-likelihood-fitted-covariance"),
        scores.keySet());
    assertTrue(result.get("fit").getAsString().startsWith("Gaussians fitted to the features of"
        + " fashion-mnist train split, 1000 images (fitted now, kept in " + work.resolve("fits")),
        result.get("fit").getAsString());
    for (String score : scores.keySet()) {
      for (String set : List.of("adversarial, all", "adversarial, successful", "unfamiliar")) {
        double auc = scores.getAsJsonObject(score).getAsJsonObject(set).get("auc")
            .getAsDouble();
        assertTrue(auc >= 0 && auc <= 1, score + " " + set + " " + auc);
      }
    }
    for (String png : List.of("roc.png", "scores-log-likelihood.png",
        "scores-log-max-probability.png", "scores-negative-mahalanobis.png")) {
      BufferedImage image = ImageIO.read(plots.resolve(png).toFile());
      assertTrue(image.getWidth() > 100, png);
    }
  }

  @Test
  void softmaxModelIsScoredByTheBaselinesAgainstNoise() {
    Path run = work.resolve("run");
    assertEquals(0, Main.run(new String[] {"train", "--loss", "softmax", "--train-limit", "256",
        "--test-limit", "64", "--epochs", "1", "--depth", "8", "--batch-size", "64",
        "--run-dir", run.toString(), "--export-dir", work.resolve("model").toString()},
        TrainCommandTest.quiet(), System.err));
    JsonObject result = detectJson("--model", run.toString(), "--limit", "30", "--steps", "2");
    assertEquals(Set.of("log-max-probability", "negative-energy", "negative-mahalanobis"),
        result.getAsJsonObject("scores").keySet());
    assertEquals("uniform noise, 30 images", result.get("unfamiliar").getAsString());
    assertEquals("pgd", result.getAsJsonObject("attack").get("kind").getAsString());
    assertEquals(30, result.get("images").getAsInt());
  }

  /** A center-loss run: its record, its model card and the score by its own centres. */
  @Test
  void centerLossModelIsScoredByTheDistanceToItsPredictedClasssCentre() throws IOException {
    Path run = work.resolve("run");
    assertEquals(0, Main.run(new String[] {"train", "--loss", "center", "--train-limit", "256",
        "--test-limit", "64", "--epochs", "1", "--depth", "8", "--batch-size", "64",
        "--run-dir", run.toString(), "--export-dir", work.resolve("model").toString()},
        TrainCommandTest.quiet(), System.err));
    assertTrue(Files.readAllLines(run.resolve("metrics.csv")).get(0)
        .startsWith("epoch,lr,lambda,center-alpha,train_loss,"));
    ModelCard card = ModelCard.read(work.resolve("model"));
    assertEquals("center", card.loss());
    assertEquals(List.of("lambda", "center-alpha"), List.copyOf(card.hyperParameters().keySet()));
    assertTrue(card.signatures().contains("center"), card.signatures().toString());
    JsonObject result = detectJson("--model", run.toString(), "--limit", "30", "--steps", "2");
    assertEquals(Set.of("log-likelihood", "log-max-probability", "negative-energy",
        "negative-mahalanobis", "fitted-log-likelihood", "log-likelihood-fitted-covariance"),
        result.getAsJsonObject("scores").keySet());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      "--epsilon 0             # gmloss detect: --epsilon 0: must be > 0",
      "--epsilon 300           # gmloss detect: --epsilon 300: must be between 0 and 255",
      "--attack cw             # gmloss detect: --attack cw: expected one of fgsm|pgd",
      "--attack fgsm --steps 3 # gmloss detect: --steps 3: only --attack pgd takes steps",
      "--attack fgsm --pgd-start image # gmloss detect: --pgd-start image: only --attack pgd"
          + " takes a start",
      "--pgd-start center      # gmloss detect: --pgd-start center: expected one of"
          + " random|image",
      "--step-size -1          # gmloss detect: --step-size -1: must be >= 0",
      "--fpr 2                 # gmloss detect: --fpr 2: must be between 0 and 1"})
  void impossibleCommandLinesExitTwo(String args, String message) {
    List<String> command = new ArrayList<>(List.of("detect", "--model", COMMITTED.toString()));
    command.addAll(List.of(args.trim().split(" ")));
    TrainCommandTest.Run run = TrainCommandTest.run(command.toArray(String[]::new));
    assertEquals(2, run.code(), run.err());
    assertEquals(message, run.err().lines().findFirst().orElseThrow());
  }

  @Test
  void dataOfAnotherShapeIsRefused() throws IOException {
    Path folder = rgbFolder(1);
    TrainCommandTest.Run run = TrainCommandTest.run("detect", "--model", COMMITTED.toString(),
        "--dataset", "folder", "--data-dir", folder.toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("gmloss detect: --data-dir " + folder + ": images are [32, 32, 3], the model"
        + " takes [28, 28, 1] (height, width, channels)",
        run.err().lines().findFirst().orElseThrow());
  }
}
