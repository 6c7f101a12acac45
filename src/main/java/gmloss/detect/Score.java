package gmloss.detect;

import java.util.Arrays;
import java.util.List;

/**
 * What an input is scored by to tell familiar inputs (high) from suspect ones (low). Every score
 * is named for the quantity it holds; log-likelihoods are up to a constant that is the same for
 * every input of a model.
 */
public enum Score {
  /**
   * The model's own, for heads with class centres: log N(x; mu_k, I) of the predicted class k at
   * its learned centre (the GM mean; for the center loss, minus the distance to the centre).
   */
  LOG_LIKELIHOOD("log-likelihood", "log-likelihood of the predicted class at its learned"
      + " centre", true, false),
  /** log of the largest softmax probability (Hendrycks and Gimpel, ICLR 2017). */
  LOG_MAX_PROBABILITY("log max probability", "log of the largest softmax probability", false,
      false),
  /** Minus the energy, logsumexp of the logits (Liu et al., NeurIPS 2020; temperature 1). */
  NEGATIVE_ENERGY("minus energy", "minus the energy: logsumexp of the logits", false, false),
  /**
   * Minus the squared Mahalanobis distance to the nearest class mean of a {@link GaussianFit}
   * (Lee et al., NeurIPS 2018; without their input pre-processing and feature ensembles).
   */
  NEGATIVE_MAHALANOBIS("minus Mahalanobis", "minus the squared Mahalanobis distance to the"
      + " nearest fitted class mean", false, true),
  /** log N(x; fitted mu_k, fitted Sigma) of the predicted class k: the post-hoc fit's. */
  FITTED_LOG_LIKELIHOOD("fitted log-likelihood", "log-likelihood of the predicted class under"
      + " the fitted Gaussians", true, true),
  /** log N(x; learned mu_k, fitted Sigma) of the predicted class k. */
  LOG_LIKELIHOOD_FITTED_COVARIANCE("LL, fitted covariance", "log-likelihood of the predicted"
      + " class with the learned mean and the fitted covariance", true, true);

  private final String label;
  private final String description;
  private final boolean needsCentres;
  private final boolean needsFit;

  Score(String label, String description, boolean needsCentres, boolean needsFit) {
    this.label = label;
    this.description = description;
    this.needsCentres = needsCentres;
    this.needsFit = needsFit;
  }

  /** A short name, for a report's table. */
  public String label() {
    return label;
  }

  /** What the score holds, for a picture's axis. */
  public String description() {
    return description;
  }

  /** Whether only a model whose head has class centres (GM, center loss) has it. */
  public boolean needsCentres() {
    return needsCentres;
  }

  /** Whether it needs a {@link GaussianFit} of the model's training features. */
  public boolean needsFit() {
    return needsFit;
  }

  /** Every score a model of this kind has, with or without a fit, in the order above. */
  public static List<Score> applicable(boolean centres, boolean fitted) {
    return Arrays.stream(values()).filter(s -> centres || !s.needsCentres)
        .filter(s -> fitted || !s.needsFit).toList();
  }
}
