/**
 * The losses, term by term as the papers write them: {@link gmloss.loss.GmHead} builds the
 * large-margin Gaussian mixture layer ({@link gmloss.loss.GaussianMixtureLayer}: class means,
 * optional variances, distances) and its loss ({@link gmloss.loss.LargeMarginGmLoss}: cross
 * entropy of the margin logits plus lambda times the likelihood term) on any feature operand;
 * {@link gmloss.loss.SoftmaxHead} is the baseline; {@link gmloss.loss.MixtureFit} measures how well
 * features follow the mixture. Heads add ops to a graph: build a graph from one thread.
 */
package gmloss.loss;
