package gmloss.loss;

import java.util.Arrays;
import java.util.Optional;

/**
 * How well features follow the Gaussian mixture the loss models, as the paper's picture has it:
 * each class's features gathered around its mean. Per class, the distance from the class mean to
 * the centroid of that class's features, relative to the cluster's spread (the root mean square
 * distance of its features to their centroid): 0 when the mean sits at the centre, 1 when it is
 * one cluster radius away. Over all features, the share whose own class gives them the highest
 * likelihood, log N(x; mu_k, Sigma_k).
 *
 * @param relativeOffsets per class, ||mu_k - centroid_k|| / spread_k; NaN for a class without
 *     features
 * @param ownLikelihoodShare share of features most likely under their own class
 */
public record MixtureFit(double[] relativeOffsets, double ownLikelihoodShare) {

  /**
   * @param features one row per example
   * @param labels each example's class
   * @param means one row per class
   * @param variances the positive variances, [C] (one per class) or [C * D] (row by row); empty
   *     for identity covariance
   */
  public static MixtureFit of(float[][] features, int[] labels, float[][] means,
      Optional<float[]> variances) {
    int classes = means.length;
    double[][] centroids = centroids(features, labels, classes, means[0].length);
    double[] squaredSpread = new double[classes];
    int[] counts = new int[classes];
    int own = 0;
    for (int i = 0; i < features.length; i++) {
      counts[labels[i]]++;
      squaredSpread[labels[i]] += squaredDistance(features[i], centroids[labels[i]]);
      if (mostLikelyClass(features[i], means, variances) == labels[i]) {
        own++;
      }
    }
    double[] offsets = new double[classes];
    for (int k = 0; k < classes; k++) {
      double spread = Math.sqrt(squaredSpread[k] / counts[k]);
      offsets[k] = Math.sqrt(squaredDistance(means[k], centroids[k])) / spread;
    }
    return new MixtureFit(offsets, features.length == 0 ? Double.NaN
        : (double) own / features.length);
  }

  /** The mean of the per-class relative offsets, over the classes that have features. */
  public double meanRelativeOffset() {
    return Arrays.stream(relativeOffsets).filter(Double::isFinite).average().orElse(Double.NaN);
  }

  /** argmax_k of -1/2 sum_j (x_j - mu_kj)^2 / s_kj - 1/2 sum_j log s_kj. */
  private static int mostLikelyClass(float[] x, float[][] means, Optional<float[]> variances) {
    int best = 0;
    double bestLogDensity = Double.NEGATIVE_INFINITY;
    int dims = x.length;
    for (int k = 0; k < means.length; k++) {
      double logDensity = 0;
      for (int j = 0; j < dims; j++) {
        double s = 1;
        if (variances.isPresent()) {
          float[] v = variances.get();
          s = v.length == means.length ? v[k] : v[k * dims + j];
        }
        double difference = x[j] - means[k][j];
        logDensity -= 0.5 * (difference * difference / s + Math.log(s));
      }
      if (logDensity > bestLogDensity) {
        bestLogDensity = logDensity;
        best = k;
      }
    }
    return best;
  }

  private static double squaredDistance(float[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return sum;
  }

  /**
   * The mean feature of each class, one row of {@code dims} per class; a class without features
   * gets a row of NaN.
   */
  public static double[][] centroids(float[][] features, int[] labels, int classes, int dims) {
    double[][] centroids = new double[classes][dims];
    int[] counts = new int[classes];
    for (int i = 0; i < features.length; i++) {
      counts[labels[i]]++;
      for (int j = 0; j < dims; j++) {
        centroids[labels[i]][j] += features[i][j];
      }
    }
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < dims; j++) {
        centroids[k][j] /= counts[k];
      }
    }
    return centroids;
  }
}
