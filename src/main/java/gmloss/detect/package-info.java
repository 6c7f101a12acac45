/**
 * Adversarial and unfamiliar-input detection, the L-GM paper's second claim:
 * {@link gmloss.detect.Attack} (FGSM, PGD) on a loaded model's own gradient,
 * {@link gmloss.detect.Detector}, which scores clean, adversarial and unfamiliar inputs by each
 * {@link gmloss.detect.Score} (the GM log-likelihood, the largest softmax probability, the energy,
 * the Mahalanobis score of a {@link gmloss.detect.GaussianFit}), and
 * {@link gmloss.detect.Separation}, the
 * ROC AUC and the detection rate at a false-positive rate. A detector uses its model from the
 * calling thread only. {@link gmloss.detect.DetectionFigures} draws with XChart, an optional
 * dependency a program adds itself.
 */
package gmloss.detect;
