package gmloss.detect;

import gmloss.inspect.LoadedModel;
import gmloss.inspect.Logits;
import java.util.Optional;

/** Computes each {@link Score} of a model's predictions, with the fit and means it needs. */
final class Scorer {

  private final Optional<GaussianFit> fit;
  private final Optional<double[][]> learnedMeans;

  /**
   * @param fit the Gaussians fitted to the model's training features, if any
   * @param learnedMeans a GM model's class means
   */
  Scorer(Optional<GaussianFit> fit, Optional<float[][]> learnedMeans) {
    this.fit = fit;
    this.learnedMeans = learnedMeans.map(Scorer::toDouble);
  }

  /** The value of {@code score} for image {@code i} of {@code predictions}. */
  double value(Score score, LoadedModel.Predictions predictions, int i) {
    float[] logits = predictions.logits()[i];
    int predicted = (int) predictions.classes()[i];
    return switch (score) {
      case LOG_LIKELIHOOD -> predictions.logLikelihood().orElseThrow()[i];
      case LOG_MAX_PROBABILITY -> Logits.logSoftmax(logits, Logits.argMax(logits));
      case NEGATIVE_ENERGY -> logSumExp(logits);
      case NEGATIVE_MAHALANOBIS -> -min(fitted().squaredDistances(
          predictions.features()[i], fitted().means()));
      case FITTED_LOG_LIKELIHOOD -> -0.5 * fitted().squaredDistances(
          predictions.features()[i], fitted().means())[predicted];
      case LOG_LIKELIHOOD_FITTED_COVARIANCE -> -0.5 * fitted().squaredDistances(
          predictions.features()[i], learnedMeans.orElseThrow())[predicted];
    };
  }

  /** log sum_k exp(z_k), computed from the largest logit so that nothing overflows. */
  static double logSumExp(float[] logits) {
    float largest = logits[Logits.argMax(logits)];
    double sum = 0;
    for (float logit : logits) {
      sum += Math.exp(logit - largest);
    }
    return largest + Math.log(sum);
  }

  private GaussianFit fitted() {
    return fit.orElseThrow(() -> new IllegalStateException("this score needs a GaussianFit"));
  }

  private static double min(double[] values) {
    double smallest = Double.POSITIVE_INFINITY;
    for (double value : values) {
      smallest = Math.min(smallest, value);
    }
    return smallest;
  }

  private static double[][] toDouble(float[][] values) {
    double[][] copy = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      copy[i] = new double[values[i].length];
      for (int j = 0; j < values[i].length; j++) {
        copy[i][j] = values[i][j];
      }
    }
    return copy;
  }
}
