package gmloss.detect;

import gmloss.loss.MixtureFit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Class-conditional Gaussians with one shared covariance, fitted after training to a model's
 * features of its training images, as Lee et al. (NeurIPS 2018) fit them to turn any classifier
 * into a Gaussian one: mu_k = the mean feature of class k, Sigma = 1/N sum_i (x_i - mu_{y_i})
 * (x_i - mu_{y_i})^T. Distances use Sigma plus a ridge of {@link #RIDGE} times its mean
 * diagonal: features after a ReLU can have a dimension that never varies, which leaves Sigma
 * singular.
 *
 * <p>Thread safety: immutable once built; the precision matrix is computed on first use under a
 * lock.
 */
public final class GaussianFit {

  /** The ridge added to Sigma's diagonal, relative to its mean diagonal entry. */
  public static final double RIDGE = 1e-6;

  private final double[][] means;
  private final double[][] covariance;
  private final int images;
  private transient DMatrixRMaj precision;

  /**
   * @param means one row per class
   * @param covariance the shared covariance, D x D
   * @param images how many features it was fitted to
   */
  public GaussianFit(double[][] means, double[][] covariance, int images) {
    this.means = means;
    this.covariance = covariance;
    this.images = images;
  }

  /**
   * The fit to {@code features} (one row per image) of classes {@code labels}.
   *
   * @throws IllegalArgumentException if a class in [0, classes) has no feature
   */
  public static GaussianFit of(float[][] features, int[] labels, int classes) {
    int dimension = features[0].length;
    boolean[] seen = new boolean[classes];
    for (int label : labels) {
      seen[label] = true;
    }
    for (int k = 0; k < classes; k++) {
      if (!seen[k]) {
        throw new IllegalArgumentException("class " + k + " has no feature to fit its mean to");
      }
    }
    double[][] means = MixtureFit.centroids(features, labels, classes, dimension);
    double[][] covariance = new double[dimension][dimension];
    double[] centred = new double[dimension];
    for (int i = 0; i < features.length; i++) {
      for (int j = 0; j < dimension; j++) {
        centred[j] = features[i][j] - means[labels[i]][j];
      }
      for (int a = 0; a < dimension; a++) {
        for (int b = a; b < dimension; b++) {
          covariance[a][b] += centred[a] * centred[b];
        }
      }
    }
    for (int a = 0; a < dimension; a++) {
      for (int b = a; b < dimension; b++) {
        covariance[a][b] /= features.length;
        covariance[b][a] = covariance[a][b];
      }
    }
    return new GaussianFit(means, covariance, features.length);
  }

  /** The class means, one row per class. */
  public double[][] means() {
    return means;
  }

  /** The shared covariance, without the ridge. */
  public double[][] covariance() {
    return covariance;
  }

  /** How many features the fit was made from. */
  public int images() {
    return images;
  }

  /**
   * (x - c)^T Sigma^-1 (x - c) for each row c of {@code centres}: the fitted means, or another
   * model's means in the same feature space.
   */
  public double[] squaredDistances(float[] x, double[][] centres) {
    DMatrixRMaj inverse = precision();
    int dimension = x.length;
    double[] distances = new double[centres.length];
    double[] difference = new double[dimension];
    for (int k = 0; k < centres.length; k++) {
      for (int j = 0; j < dimension; j++) {
        difference[j] = x[j] - centres[k][j];
      }
      double sum = 0;
      for (int a = 0; a < dimension; a++) {
        double row = 0;
        for (int b = 0; b < dimension; b++) {
          row += inverse.unsafe_get(a, b) * difference[b];
        }
        sum += difference[a] * row;
      }
      distances[k] = sum;
    }
    return distances;
  }

  private synchronized DMatrixRMaj precision() {
    if (precision == null) {
      int dimension = covariance.length;
      DMatrixRMaj sigma = new DMatrixRMaj(covariance);
      double meanDiagonal = 0;
      for (int j = 0; j < dimension; j++) {
        meanDiagonal += covariance[j][j] / dimension;
      }
      for (int j = 0; j < dimension; j++) {
        sigma.add(j, j, RIDGE * Math.max(meanDiagonal, Double.MIN_NORMAL));
      }
      LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(dimension);
      if (!solver.setA(sigma)) {
        throw new IllegalStateException("the fitted covariance is not positive definite even"
            + " with a ridge; are the features all equal?");
      }
      DMatrixRMaj inverse = new DMatrixRMaj(dimension, dimension);
      solver.invert(inverse);
      precision = inverse;
    }
    return precision;
  }
}
