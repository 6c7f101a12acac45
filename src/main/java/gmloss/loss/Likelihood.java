package gmloss.loss;

/**
 * Which class-conditional density the GM loss uses when variances are learned. Without learned
 * variances (identity covariance) both are the same.
 */
public enum Likelihood {
  /**
   * The authors' Caffe layer (and every released implementation): logits -d_k with d_k divided
   * by the variance, and a likelihood term 1/2 ||x - mu_y||^2 that ignores the variance.
   */
  CAFFE,
  /**
   * The paper's Gaussian: log N(x; mu_k, Sigma_k) = -d_k - 1/2 log|Sigma_k| (+ const) in the
   * logits, and -log N(x; mu_y, Sigma_y) = d_y + 1/2 log|Sigma_y| as the likelihood term.
   */
  PAPER
}
