package gmloss.train;

import gmloss.io.EnumNames;
import gmloss.io.FittedLine;
import gmloss.io.Numbers;
import gmloss.loss.MixtureFit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one epoch measured; the learning rate and the head's hyper-parameters are those of its
 * last step. Train loss is the optimised loss without weight decay (for GM: classification with
 * margin plus lambda times the likelihood term); validation and test loss are the cross entropy
 * of the margin-free inference logits, comparable between heads.
 *
 * @param epoch counted from 0 here, from 1 wherever it is shown or written
 * @param hyperParameters the head's, by name in its order (GM: alpha, lambda); none for softmax
 * @param trainLikelihood the head's likelihood term: GM's L_lkd, the center loss's L_C (minus
 *     the log-likelihood under unit Gaussians at the centres, up to a constant); 0 for softmax
 * @param validation null without a validation split
 * @param fit how well the test features follow the head's class Gaussians ({@link MixtureFit});
 *     null for heads without class centres, and in records written before it was measured
 * @param precision the arithmetic the epoch trained in, as {@code --precision} names it; null in
 *     records written before it could be chosen, which trained in float32
 */
public record EpochMetrics(int epoch, float learningRate, Map<String, Float> hyperParameters,
    double trainLoss, double trainLikelihood, double trainAccuracy, double testLoss,
    double testAccuracy, double imagesPerSecond, double elapsedSeconds,
    VarianceRange variance, Validation validation, Fit fit, String precision) {

  public EpochMetrics {
    hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
  }

  /**
   * The mixture fit of the test features: the mean over classes of the distance from a class
   * centre to its features' centroid in units of the cluster's spread, and the share of features
   * most likely under their own class.
   */
  public record Fit(double meanOffset, double ownLikelihood) {}

  /** Smallest and largest learned variance at the end of the epoch; null without them. */
  public record VarianceRange(double min, double max) {}

  /** Loss and accuracy on the validation split. */
  public record Validation(double loss, double accuracy) {}

  /** The epoch line of the log, every field. */
  public String summary(int epochs) {
    return fields(epochs).full();
  }

  /** The epoch line for a terminal {@code width} columns wide: the less telling fields go first. */
  public String summary(int epochs, int width) {
    return fields(epochs).fit(width);
  }

  /** The epoch line's fields; the rank says how late each is dropped when space runs out. */
  private FittedLine fields(int epochs) {
    FittedLine line = new FittedLine()
        .add(String.format(Locale.ROOT, "epoch %3d/%d", epoch + 1, epochs), 13)
        .add("lr " + Numbers.rate(learningRate), 4);
    // The hyper-parameters are the first to go when space runs out.
    int rank = 1;
    for (Map.Entry<String, Float> entry : hyperParameters.entrySet()) {
      line.add(String.format(Locale.ROOT, "%s %.3g", entry.getKey(), entry.getValue()),
          Math.min(rank++, 2));
    }
    // Narrowed, the line keeps the test accuracy and the training loss longest.
    line.add(String.format(Locale.ROOT, "train loss %.4f", trainLoss), 11)
        .add(String.format(Locale.ROOT, "train acc %6.2f%%", 100 * trainAccuracy), 10);
    validationResult().ifPresent(v -> line
        .add(String.format(Locale.ROOT, "val loss %.4f", v.loss()), 6)
        .add(String.format(Locale.ROOT, "val acc %6.2f%%", 100 * v.accuracy()), 9));
    line.add(String.format(Locale.ROOT, "test loss %.4f", testLoss), 8)
        .add(String.format(Locale.ROOT, "test acc %6.2f%%", 100 * testAccuracy), 12);
    varianceRange().ifPresent(v -> line.add(String.format(Locale.ROOT, "variance %.4g..%.4g",
        v.min(), v.max()), 3));
    return line.add(String.format(Locale.ROOT, "%5.0f img/s", imagesPerSecond), 7)
        .add("elapsed " + formatDuration(elapsedSeconds), 5);
  }

  /**
   * The header of {@code metrics.csv}: a column per hyper-parameter after {@code lr}, named as
   * the head names it.
   */
  public static String csvHeader(List<String> hyperParameterNames) {
    return "epoch,lr," + hyperParameterNames.stream().map(name -> name + ",")
        .collect(Collectors.joining()) + "train_loss,train_likelihood,train_accuracy,test_loss,"
        + "test_accuracy,images_per_second,elapsed_seconds,variance_min,variance_max,val_loss,"
        + "val_accuracy,fit_mean_offset,fit_own_likelihood,precision";
  }

  /** The row of {@link #csvHeader}, hyper-parameters in {@code hyperParameterNames}' order. */
  public String csvRow(List<String> hyperParameterNames) {
    return String.format(Locale.ROOT,
        "%d,%g,%s%.6f,%.6f,%.6f,%.6f,%.6f,%.1f,%.1f,%s,%s,%s,%s,%s,%s,%s",
        epoch + 1, learningRate, hyperParameterNames.stream()
            .map(name -> String.format(Locale.ROOT, "%g,", hyperParameters.get(name)))
            .collect(Collectors.joining()), trainLoss, trainLikelihood, trainAccuracy,
        testLoss, testAccuracy, imagesPerSecond, elapsedSeconds,
        varianceRange().map(v -> Double.toString(v.min())).orElse(""),
        varianceRange().map(v -> Double.toString(v.max())).orElse(""),
        validationResult().map(v -> String.format(Locale.ROOT, "%.6f", v.loss())).orElse(""),
        validationResult().map(v -> String.format(Locale.ROOT, "%.6f", v.accuracy()))
            .orElse(""),
        fitResult().map(f -> String.format(Locale.ROOT, "%.6f", f.meanOffset())).orElse(""),
        fitResult().map(f -> String.format(Locale.ROOT, "%.6f", f.ownLikelihood())).orElse(""),
        precisionName());
  }

  /** The precision's name, {@code fp32} for records written before it could be chosen. */
  public String precisionName() {
    return precision == null ? EnumNames.of(Precision.FP32) : precision;
  }

  public Optional<Validation> validationResult() {
    return Optional.ofNullable(validation);
  }

  public Optional<Fit> fitResult() {
    return Optional.ofNullable(fit);
  }

  public Optional<VarianceRange> varianceRange() {
    return Optional.ofNullable(variance);
  }

  public String elapsedText() {
    return formatDuration(elapsedSeconds);
  }

  /** {@code seconds} as the log writes a duration: 4m05s, or 1h02m03s from an hour on. */
  public static String formatDuration(double seconds) {
    long total = Math.round(seconds);
    return total >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm%02ds", total / 3600, total / 60 % 60, total % 60)
        : String.format(Locale.ROOT, "%dm%02ds", total / 60, total % 60);
  }
}
