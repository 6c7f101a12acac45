package gmloss.train;

import java.util.Locale;
import java.util.Optional;

/**
 * What one epoch measured; learning rate, alpha and lambda are those of its last step. Train
 * loss is the optimised loss without weight decay (for GM: classification with margin plus
 * lambda times the likelihood term); validation and test loss are the cross entropy of the
 * margin-free inference logits, comparable between GM and softmax.
 *
 * @param epoch counted from 0 here, from 1 wherever it is shown or written
 * @param validation null without a validation split
 */
public record EpochMetrics(int epoch, float learningRate, float alpha, float lambda,
    double trainLoss, double trainLikelihood, double trainAccuracy, double testLoss,
    double testAccuracy, double imagesPerSecond, double elapsedSeconds,
    VarianceRange variance, Validation validation) {

  /** Smallest and largest learned GM variance at the end of the epoch; null without them. */
  public record VarianceRange(double min, double max) {}

  /** Loss and accuracy on the validation split. */
  public record Validation(double loss, double accuracy) {}

  public String summary(int epochs) {
    return String.format(Locale.ROOT,
        "epoch %3d/%d  lr %.4g  alpha %.3g  lambda %.3g  train loss %.4f  train acc %6.2f%%"
            + "%s  test loss %.4f  test acc %6.2f%%%s  %5.0f img/s  elapsed %s",
        epoch + 1, epochs, learningRate, alpha, lambda, trainLoss, 100 * trainAccuracy,
        validationResult().map(v -> String.format(Locale.ROOT, "  val loss %.4f  val acc"
            + " %6.2f%%", v.loss(), 100 * v.accuracy())).orElse(""), testLoss,
        100 * testAccuracy, varianceRange().map(v -> String.format(Locale.ROOT,
            "  variance %.4g..%.4g", v.min(), v.max())).orElse(""),
        imagesPerSecond, formatDuration(elapsedSeconds));
  }

  public static String csvHeader() {
    return "epoch,lr,alpha,lambda,train_loss,train_likelihood,train_accuracy,test_loss,"
        + "test_accuracy,images_per_second,elapsed_seconds,variance_min,variance_max,val_loss,"
        + "val_accuracy";
  }

  public String csvRow() {
    return String.format(Locale.ROOT,
        "%d,%g,%g,%g,%.6f,%.6f,%.6f,%.6f,%.6f,%.1f,%.1f,%s,%s,%s,%s",
        epoch + 1, learningRate, alpha, lambda, trainLoss, trainLikelihood, trainAccuracy,
        testLoss, testAccuracy, imagesPerSecond, elapsedSeconds,
        varianceRange().map(v -> Double.toString(v.min())).orElse(""),
        varianceRange().map(v -> Double.toString(v.max())).orElse(""),
        validationResult().map(v -> String.format(Locale.ROOT, "%.6f", v.loss())).orElse(""),
        validationResult().map(v -> String.format(Locale.ROOT, "%.6f", v.accuracy()))
            .orElse(""));
  }

  public Optional<Validation> validationResult() {
    return Optional.ofNullable(validation);
  }

  public Optional<VarianceRange> varianceRange() {
    return Optional.ofNullable(variance);
  }

  public String elapsedText() {
    return formatDuration(elapsedSeconds);
  }

  static String formatDuration(double seconds) {
    long total = Math.round(seconds);
    return total >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm%02ds", total / 3600, total / 60 % 60, total % 60)
        : String.format(Locale.ROOT, "%dm%02ds", total / 60, total % 60);
  }
}
