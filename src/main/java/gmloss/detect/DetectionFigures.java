package gmloss.detect;

import gmloss.io.EnumNames;
import gmloss.plot.DetectionPlots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pictures of a detection: one ROC figure, and the score histograms of each score. */
public final class DetectionFigures {

  private DetectionFigures() {}

  /** Writes {@code roc.png} and {@code scores-<score>.png} into {@code directory}. */
  public static void write(Path directory, Detector.Result result) throws IOException {
    Map<String, double[][]> curves = new LinkedHashMap<>();
    for (Map.Entry<Score, Detector.ScoreResult> entry : result.scores().entrySet()) {
      Detector.ScoreResult score = entry.getValue();
      for (Map.Entry<String, double[]> suspect : Map.of("adversarial", score.adversarial(),
          "unfamiliar", score.unfamiliar()).entrySet()) {
        Separation.Curve curve = Separation.curve(score.clean(), suspect.getValue());
        curves.put(entry.getKey().label() + ", " + suspect.getKey(),
            new double[][] {curve.falsePositives(), curve.truePositives()});
      }
      Map<String, double[]> sets = new LinkedHashMap<>();
      sets.put("clean", score.clean());
      sets.put("adversarial", score.adversarial());
      sets.put("unfamiliar", score.unfamiliar());
      DetectionPlots.writeHistograms("Scores of clean, adversarial and unfamiliar inputs",
          entry.getKey().description(), sets,
          directory.resolve("scores-" + EnumNames.of(entry.getKey()) + ".png"));
    }
    DetectionPlots.writeRoc("Telling clean inputs from suspect ones (low score flags)", curves,
        directory.resolve("roc.png"));
  }
}
