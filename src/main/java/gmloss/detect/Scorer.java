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

  /** The scores of image {@code i} of {@code predictions}. */
  Image image(LoadedModel.Predictions predictions, int i) {
    return new Image(predictions, i);
  }

  /** The value of {@code score} for image {@code i} of {@code predictions}. */
  double value(Score score, LoadedModel.Predictions predictions, int i) {
    return image(predictions, i).value(score);
  }

  /**
   * The scores of one image; its distances to the fitted means are computed once, however many
   * scores read them (each is a [classes x D] x [D x D] product).
   */
  final class Image {
    private final LoadedModel.Predictions predictions;
    private final int i;
    private final float[] features;
    private final float[] logits;
    private final int predicted;
    private double[] fittedDistances;

    private Image(LoadedModel.Predictions predictions, int i) {
      this.predictions = predictions;
      this.i = i;
      features = predictions.features()[i];
      logits = predictions.logits()[i];
      predicted = (int) predictions.classes()[i];
    }

    double value(Score score) {
      return switch (score) {
        case LOG_LIKELIHOOD -> predictions.logLikelihood().orElseThrow()[i];
        case LOG_MAX_PROBABILITY -> Logits.logSoftmax(logits, Logits.argMax(logits));
        case NEGATIVE_ENERGY -> logSumExp(logits);
        case NEGATIVE_MAHALANOBIS -> -min(fittedDistances());
        case FITTED_LOG_LIKELIHOOD -> -0.5 * fittedDistances()[predicted];
        case LOG_LIKELIHOOD_FITTED_COVARIANCE -> -0.5 * fitted().squaredDistances(features,
            learnedMeans.orElseThrow())[predicted];
      };
    }

    private double[] fittedDistances() {
      if (fittedDistances == null) {
        fittedDistances = fitted().squaredDistances(features, fitted().means());
      }
      return fittedDistances;
    }
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
