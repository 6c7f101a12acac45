package gmloss.detect;

import gmloss.io.EnumNames;
import gmloss.io.SafeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every input's scores as CSV, so that a detection's AUCs and rates can be checked from outside:
 * one row per input, {@code set,index,<score>,...} with the sets clean, adversarial (the attack
 * on the clean input of the same index) and unfamiliar, and one column per score the model has.
 */
public final class DetectionScores {

  private DetectionScores() {}

  public static void write(Path file, Detector.Result result) throws IOException {
    Map<Score, Detector.ScoreResult> scores = result.scores();
    StringBuilder csv = new StringBuilder("set,index");
    scores.keySet().forEach(score -> csv.append(',').append(EnumNames.of(score)));
    csv.append('\n');
    Detector.ScoreResult any = scores.values().iterator().next();
    rows(csv, "clean", any.clean().length, scores, Detector.ScoreResult::clean);
    rows(csv, "adversarial", any.adversarial().length, scores, Detector.ScoreResult::adversarial);
    rows(csv, "unfamiliar", any.unfamiliar().length, scores, Detector.ScoreResult::unfamiliar);
    SafeFiles.writeAtomically(file, csv.toString());
  }

  private static void rows(StringBuilder csv, String set, int count,
      Map<Score, Detector.ScoreResult> scores,
      Function<Detector.ScoreResult, double[]> values) {
    for (int i = 0; i < count; i++) {
      csv.append(set).append(',').append(i);
      for (Detector.ScoreResult score : scores.values()) {
        csv.append(',').append(String.format(Locale.ROOT, "%.9g", values.apply(score)[i]));
      }
      csv.append('\n');
    }
  }
}
