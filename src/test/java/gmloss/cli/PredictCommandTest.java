package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import gmloss.data.DatasetKind;
import gmloss.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gmloss predict}: test images written as PNG get the class the model gives them. */
class PredictCommandTest {

  private static final String COMMITTED = "savedmodels/fashion-mnist-gm-resnet20";

  @TempDir
  Path work;

  private static ImageSet fashionTest(int images) throws IOException {
    return DatasetKind.FASHION_MNIST.load(
        DatasetKind.FASHION_MNIST.defaultDirectory().orElseThrow(), false).test().first(images);
  }

  private Path png(ImageSet set, int index) throws IOException {
    BufferedImage image = new BufferedImage(set.width(), set.height(),
        BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < set.height(); y++) {
      for (int x = 0; x < set.width(); x++) {
        image.getRaster().setSample(x, y, 0, set.pixel(index, y, x, 0));
      }
    }
    Path file = work.resolve("image" + index + ".png");
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  @Test
  void imageFilesGetTheirClassesWithProbabilitiesAndTheGmLikelihood() throws IOException {
    ImageSet test = fashionTest(20);
    List<String> files = new java.util.ArrayList<>(List.of("predict", "--model", COMMITTED,
        "--top", "10", "--json"));
    for (int i = 0; i < 20; i++) {
      files.add(png(test, i).toString());
    }
    TrainCommandTest.Run run = TrainCommandTest.run(files.toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    JsonArray results = JsonParser.parseString(run.out()).getAsJsonArray();
    assertEquals(20, results.size());
    List<String> names = DatasetKind.FASHION_MNIST.load(
        DatasetKind.FASHION_MNIST.defaultDirectory().orElseThrow(), false).classNames();
    int correct = 0;
    for (int i = 0; i < 20; i++) {
      JsonObject result = results.get(i).getAsJsonObject();
      JsonArray classes = result.getAsJsonArray("classes");
      double sum = 0;
      double previous = 1;
      for (int k = 0; k < 10; k++) {
        double p = classes.get(k).getAsJsonObject().get("probability").getAsDouble();
        assertTrue(p <= previous, "sorted by probability");
        previous = p;
        sum += p;
      }
      assertEquals(1.0, sum, 1e-5);
      assertEquals(-result.get("distance").getAsDouble(),
          result.get("logLikelihood").getAsDouble(), 1e-6, "no learned variances");
      String predicted = classes.get(0).getAsJsonObject().get("class").getAsString();
      correct += predicted.equals(names.get(test.labels()[i])) ? 1 : 0;
    }
    assertTrue(correct >= 17, correct + " of 20 right");
  }

  @Test
  void aFolderStandsForItsImageFilesInNameOrder() throws IOException {
    ImageSet test = fashionTest(3);
    Path folder = Files.createDirectory(work.resolve("folder"));
    List<Path> inFolder = List.of(folder.resolve("b0.png"), folder.resolve("b1.png"),
        folder.resolve("b2.PNG"));
    for (int i = 0; i < 3; i++) {
      Files.move(png(test, i), inFolder.get(i));
    }
    Files.writeString(folder.resolve("a-notes.txt"), "not an image");
    Files.createDirectory(folder.resolve("a-sub"));
    Files.copy(folder.resolve("b0.png"), folder.resolve("a-sub").resolve("inner.png"));
    Path single = png(test, 1);

    TrainCommandTest.Run run = TrainCommandTest.run("predict", "--model", COMMITTED,
        single.toString(), folder.toString());
    assertEquals(0, run.code(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(4, lines.size(), run.out());
    assertTrue(lines.get(0).startsWith(single + ": "), lines.get(0));
    for (int i = 0; i < 3; i++) {
      assertTrue(lines.get(i + 1).startsWith(inFolder.get(i) + ": "), lines.get(i + 1));
    }
    assertEquals(lines.get(0).substring(single.toString().length()),
        lines.get(2).substring(inFolder.get(1).toString().length()),
        "the same image gets the same answer, named or found in a folder");
  }

  @Test
  void aFolderWithoutImagesIsRefusedByName() throws IOException {
    Path folder = Files.createDirectory(work.resolve("empty"));
    Files.createDirectory(folder.resolve("cat"));
    Files.copy(png(fashionTest(1), 0), folder.resolve("cat").resolve("0000.png"));
    TrainCommandTest.Run run = TrainCommandTest.run("predict", "--model", COMMITTED,
        folder.toString());
    assertEquals(ExitCode.FAILED, run.code());
    assertEquals(List.of("gmloss predict: error: " + folder + ": no .png or .jpg images in this"
        + " folder (its sub-folders are not read)"), run.err().lines().toList());
    assertEquals("", run.out());
  }

  @Test
  void everyGoodImageIsAnsweredAndEveryBadOneNamedWithItsProblem() throws IOException {
    Path good = png(fashionTest(1), 0);
    Path wide = work.resolve("wide.png");
    ImageIO.write(new BufferedImage(36, 30, BufferedImage.TYPE_INT_RGB), "png", wide.toFile());
    Path text = work.resolve("note.png");
    Files.writeString(text, "not an image");
    Path missing = work.resolve("missing.png");
    String[] files = {good.toString(), wide.toString(), text.toString(), missing.toString(),
        good.toString()};
    List<String> args = new ArrayList<>(List.of("predict", "--model", COMMITTED));
    args.addAll(List.of(files));
    TrainCommandTest.Run run = TrainCommandTest.run(args.toArray(String[]::new));
    assertEquals(ExitCode.FAILED, run.code(), "one bad file fails the command");
    List<String> answers = run.out().lines().toList();
    assertEquals(2, answers.size(), run.out());
    assertTrue(answers.get(0).startsWith(good + ": "), answers.get(0));
    assertEquals(answers.get(0), answers.get(1));
    assertEquals(List.of(
        "gmloss predict: error: " + wide + ": is 36x30 (width x height), the model takes 28x28"
            + " images",
        "gmloss predict: error: " + text + ": not a PNG or JPEG image (its bytes do not decode as either)",
        "gmloss predict: error: " + missing + ": no such file"), run.err().lines().toList());

    args.add("--json");
    TrainCommandTest.Run json = TrainCommandTest.run(args.toArray(String[]::new));
    assertEquals(ExitCode.FAILED, json.code());
    JsonArray entries = JsonParser.parseString(json.out()).getAsJsonArray();
    assertEquals(5, entries.size());
    assertTrue(entries.get(0).getAsJsonObject().has("classes"));
    assertEquals(wide.toString(), entries.get(1).getAsJsonObject().get("file").getAsString());
    assertTrue(entries.get(1).getAsJsonObject().get("error").getAsString()
        .endsWith("is 36x30 (width x height), the model takes 28x28 images"));
    assertEquals(2, TrainCommandTest.run("predict", "--model", COMMITTED).code());
  }
}
