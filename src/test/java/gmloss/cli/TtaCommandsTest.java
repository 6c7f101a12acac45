package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tta flip} on evaluate, predict and detect: the augmented figures come beside the
 * plain ones, which stay what they are without it.
 */
@Tag("slow")
class TtaCommandsTest {

  private static final String COMMITTED = Path.of("savedmodels", "fashion-mnist-gm-resnet20")
      .toString();

  @TempDir
  Path work;

  private static TrainCommandTest.Run run(String... args) {
    TrainCommandTest.Run run = TrainCommandTest.run(args);
    assertEquals(0, run.code(), run.err());
    return run;
  }

  private static JsonObject json(String... args) {
    List<String> command = new ArrayList<>(List.of(args));
    command.add("--json");
    return JsonParser.parseString(run(command.toArray(String[]::new)).out()).getAsJsonObject();
  }

  @Test
  void evaluateReportsTheFlipAccuracyBesideThePlainOne() {
    String[] plainArgs = {"evaluate", "--model", COMMITTED, "--limit", "400"};
    JsonObject plain = json(plainArgs);
    JsonObject flip = json("evaluate", "--model", COMMITTED, "--limit", "400", "--tta", "flip");
    assertEquals(plain.get("accuracy"), flip.get("accuracy"));
    assertEquals(plain.get("confusion"), flip.get("confusion"));
    JsonObject tta = flip.getAsJsonObject("tta");
    assertEquals("flip", tta.get("kind").getAsString());
    assertEquals(tta.get("correct").getAsInt() / 400.0, tta.get("accuracy").getAsDouble(), 1e-12);
    String text = run("evaluate", "--model", COMMITTED, "--limit", "400", "--tta", "flip").out();
    assertTrue(text.contains(String.format(java.util.Locale.ROOT, "accuracy with --tta flip:"
        + " %.2f%% (%d of 400), the mean logits of each image and its mirror%n",
        100 * tta.get("accuracy").getAsDouble(), tta.get("correct").getAsInt())), text);
  }

  @Test
  void predictAnswersPlainFirstThenWithFlip() {
    String image = "src/test/resources/gmloss/data/images/grey8.png";
    String plain = run("predict", "--model", COMMITTED, image).out().strip();
    String flip = run("predict", "--model", COMMITTED, "--tta", "flip", image).out().strip();
    assertTrue(flip.startsWith(plain + "  |  with --tta flip: "), flip);
    JsonObject answer = JsonParser.parseString(run("predict", "--model", COMMITTED, "--tta",
        "flip", "--json", image).out()).getAsJsonArray().get(0).getAsJsonObject();
    assertEquals("flip", answer.getAsJsonObject("tta").get("kind").getAsString());
  }

  @Test
  void detectScoresTheSameAttacksPlainAndWithFlip() {
    String[] args = {"detect", "--model", COMMITTED, "--limit", "60", "--attack", "fgsm",
        "--epsilon", "8", "--fit-limit", "500", "--fit-cache", work.resolve("fits").toString()};
    JsonObject plain = json(args);
    List<String> withFlip = new ArrayList<>(List.of(args));
    withFlip.addAll(List.of("--tta", "flip"));
    JsonObject flip = json(withFlip.toArray(String[]::new));
    for (String figure : List.of("cleanAccuracy", "adversarialAccuracy", "successfulAttacks",
        "scores")) {
      assertEquals(plain.get(figure), flip.get(figure), figure);
    }
    JsonObject tta = flip.getAsJsonObject("tta");
    assertEquals("flip", tta.get("kind").getAsString());
    assertTrue(tta.getAsJsonObject("scores").has("log-likelihood"), tta.toString());
  }
}
