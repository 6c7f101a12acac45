package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import gmloss.data.Batch;
import gmloss.data.BatchLoader;
import gmloss.data.DatasetKind;
import gmloss.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.types.TInt64;

/** {@code gmloss evaluate} counts what the model predicts, and refuses data it cannot take. */
class EvaluateCommandTest {

  private static final Path COMMITTED = Path.of("savedmodels", "fashion-mnist-gm-resnet20");

  @TempDir
  Path work;

  private static JsonObject evaluateJson(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--json"));
    args.addAll(List.of(more));
    TrainCommandTest.Run run = TrainCommandTest.run(args.toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    return JsonParser.parseString(run.out()).getAsJsonObject();
  }

  @Test
  void theCommittedModelIsCountedAsItsOwnPredictionsSay() throws IOException {
    Path csv = work.resolve("confusion.csv");
    JsonObject result = evaluateJson("--model", COMMITTED.toString(), "--limit", "300",
        "--csv", csv.toString());
    ImageSet test = DatasetKind.FASHION_MNIST.load(
        DatasetKind.FASHION_MNIST.defaultDirectory().orElseThrow(), false).test().first(300);
    int correct = 0;
    try (SavedModelBundle bundle = SavedModelBundle.load(COMMITTED.toString(), "serve");
        BatchLoader.Stream batches = BatchLoader.evaluation(test, 300).epoch(0);
        Batch batch = batches.next();
        Result out = bundle.function("serving_default")
            .call(Map.of("images", (Tensor) batch.images()))) {
      TInt64 classes = (TInt64) out.get("classes").orElseThrow();
      for (int i = 0; i < 300; i++) {
        correct += classes.getLong(i) == batch.labels().getInt(i) ? 1 : 0;
      }
    }
    assertEquals(300, result.get("images").getAsInt());
    assertEquals(correct, result.get("correct").getAsInt());
    assertEquals(correct / 300.0, result.get("accuracy").getAsDouble(), 1e-12);
    assertTrue(result.has("meanLogLikelihood"));
    // Identity covariance: the most likely class is the nearest mean, the prediction.
    JsonObject fit = result.getAsJsonObject("mixtureFit");
    assertEquals(correct / 300.0, fit.get("ownLikelihoodShare").getAsDouble(), 1e-12);
    assertEquals(10, fit.getAsJsonObject("relativeOffsets").size());
    assertTrue(fit.get("meanRelativeOffset").getAsDouble() > 0);
    JsonArray rows = result.getAsJsonArray("confusion");
    long total = 0;
    long diagonal = 0;
    for (int k = 0; k < rows.size(); k++) {
      for (int j = 0; j < rows.size(); j++) {
        long count = rows.get(k).getAsJsonArray().get(j).getAsLong();
        total += count;
        diagonal += k == j ? count : 0;
      }
    }
    assertEquals(300, total);
    assertEquals(correct, diagonal);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(11, lines.size());
    assertTrue(lines.get(0).startsWith("true/predicted,T-shirt/top,Trouser,"), lines.get(0));
  }

  @Test
  void aRunDirectoryIsEvaluatedAsItsExportedModel() {
    Path run = work.resolve("run");
    Path model = work.resolve("model");
    assertEquals(0, Main.run(new String[] {"train", "--train-limit", "256", "--test-limit", "64",
        "--epochs", "1", "--depth", "8", "--batch-size", "64", "--run-dir", run.toString(),
        "--export-dir", model.toString()}, TrainCommandTest.quiet(), System.err));
    JsonObject fromRun = evaluateJson("--model", run.toString(), "--limit", "200");
    JsonObject fromModel = evaluateJson("--model", model.toString(), "--limit", "200");
    fromRun.remove("model");
    fromModel.remove("model");
    assertEquals(fromModel, fromRun);
  }

  @Test
  void dataOfAnotherShapeOrNoModelIsRefused() throws IOException {
    BufferedImage rgb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    for (String split : List.of("train", "test")) {
      Path folder = Files.createDirectories(work.resolve("rgb").resolve(split).resolve("a"));
      ImageIO.write(rgb, "png", folder.resolve("1.png").toFile());
    }
    TrainCommandTest.Run shape = TrainCommandTest.run("evaluate", "--model",
        COMMITTED.toString(), "--dataset", "folder", "--data-dir",
        work.resolve("rgb").toString());
    assertEquals(2, shape.code(), shape.err());
    assertEquals("gmloss evaluate: --data-dir " + work.resolve("rgb") + ": images are [32, 32,"
        + " 3], the model takes [28, 28, 1] (height, width, channels)",
        shape.err().lines().findFirst().orElseThrow());

    TrainCommandTest.Run notModel = TrainCommandTest.run("evaluate", "--model",
        work.toString());
    assertEquals(1, notModel.code());
    assertEquals(List.of("gmloss evaluate: error: " + work + ": neither a SavedModel with its"
        + " model_card.json nor a run directory"), notModel.err().lines().toList());
    assertEquals(2, TrainCommandTest.run("evaluate", "--model", COMMITTED.toString(),
        "--split", "validation").code());
  }
}
