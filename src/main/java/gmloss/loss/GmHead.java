package gmloss.loss;

import gmloss.model.Parameters;
import gmloss.model.VariableOptions;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The L-GM head for any TensorFlow-Java graph: class means (and variances, when asked for)
 * created in the caller's graph, label-free logits for prediction, margin logits and the loss
 * terms for training. It is the head {@code gmloss train} uses.
 *
 * <pre>{@code
 * GmHead head = GmHead.builder(tf, 10, 64).namePrefix("gm").alpha(0.1f).lambda(0.01f).build();
 * LossTerms loss = head.loss(features, labels);          // loss.total() to minimise
 * Operand<TFloat32> logits = head.logits(features);      // argmax = prediction, no label
 * List<Variable<TFloat32>> trained = head.variables();   // for the caller's optimizer
 * }</pre>
 *
 * <p>Apply weight decay to the means if you decay your other weights (the references do) and
 * never to the variances; {@link #trainables()} says which variable is which.
 *
 * <p>Thread safety: a head adds ops to its graph; build it and its loss from one thread, as any
 * TensorFlow-Java graph is built. The ops then run in as many sessions and threads as wanted.
 */
public final class GmHead implements ClassifierHead {

  private final Ops tf;
  private final Parameters parameters;
  private final GaussianMixtureLayer layer;
  private final LargeMarginGmLoss loss;
  private final Operand<TFloat32> alpha;
  private final Operand<TFloat32> lambda;
  private final float alphaValue;
  private final float lambdaValue;
  /** The builder's alpha and lambda as graph constants, made when first needed. */
  private LossWeights weights;
  private final int numClasses;

  private GmHead(Builder builder, Parameters parameters) {
    this.tf = builder.tf;
    this.parameters = parameters;
    this.numClasses = builder.numClasses;
    this.layer = new GaussianMixtureLayer(parameters, builder.numClasses, builder.featureDim,
        builder.meansInit, builder.variance);
    this.loss = new LargeMarginGmLoss(tf, layer, builder.numClasses, builder.likelihood);
    this.alpha = builder.alpha;
    this.lambda = builder.lambda;
    this.alphaValue = builder.alphaValue;
    this.lambdaValue = builder.lambdaValue;
  }

  private LossWeights weights() {
    if (weights == null) {
      weights = LargeMarginGmLoss.weights(alpha != null ? alpha : tf.constant(alphaValue),
          lambda != null ? lambda : tf.constant(lambdaValue));
    }
    return weights;
  }

  /**
   * @param tf the caller's graph
   * @param numClasses C, at least 2
   * @param featureDim D, the size of the features the head receives
   */
  public static Builder builder(Ops tf, int numClasses, int featureDim) {
    return new Builder(tf, numClasses, featureDim);
  }

  /** Label-free logits [N, C]: -d_ik (Caffe) or log N(x_i; mu_k, Sigma_k) + const (paper). */
  @Override
  public Operand<TFloat32> logits(Operand<TFloat32> features) {
    return loss.logits(features);
  }

  /** Training logits [N, C]: the true class's distance enlarged by (1 + alpha). */
  public Operand<TFloat32> marginLogits(Operand<TFloat32> features, Operand<TInt32> labels) {
    return loss.marginLogits(features, labels, weights().get(LargeMarginGmLoss.ALPHA));
  }

  /** The loss with the builder's alpha and lambda: total, classification and likelihood. */
  public LossTerms loss(Operand<TFloat32> features, Operand<TInt32> labels) {
    return loss.loss(features, labels, weights());
  }

  /** The loss with other alpha and lambda, fed or scheduled by the caller. */
  @Override
  public LossTerms loss(Operand<TFloat32> features, Operand<TInt32> labels,
      LossWeights weights) {
    return loss.loss(features, labels, weights);
  }

  @Override
  public Optional<ClassCentres> centres() {
    return Optional.of(layer);
  }

  /** The distances and densities of the features: means, variances, log-determinants. */
  public GaussianMixtureLayer layer() {
    return layer;
  }

  public int numClasses() {
    return numClasses;
  }

  /** The head's trained variables: the means, then the raw variances if learned. */
  public List<Variable<TFloat32>> variables() {
    return trainables().stream().map(Parameters.Trainable::variable).toList();
  }

  /** The trained variables with their roles and learning-rate multipliers. */
  public List<Parameters.Trainable> trainables() {
    return parameters.trainables().stream()
        .filter(t -> t.role() == Parameters.Role.MEANS || t.role() == Parameters.Role.VARIANCES)
        .toList();
  }

  /** Options of the head; every one has the default {@code gmloss train} has. */
  public static final class Builder extends VariableOptions<Builder> {
    private final Ops tf;
    private final int numClasses;
    private final int featureDim;
    private MeansInit meansInit = MeansInit.NORMAL;
    private Variance variance = Variance.NONE;
    private Likelihood likelihood = Likelihood.CAFFE;
    private Operand<TFloat32> alpha;
    private Operand<TFloat32> lambda;
    private float alphaValue = 0.1f;
    private float lambdaValue = 0.01f;

    private Builder(Ops tf, int numClasses, int featureDim) {
      if (numClasses < 2 || featureDim < 1) {
        throw new IllegalArgumentException("a GM head needs at least 2 classes and a feature,"
            + " got " + numClasses + " classes of dimension " + featureDim);
      }
      this.tf = tf;
      this.numClasses = numClasses;
      this.featureDim = featureDim;
    }

    @Override
    protected Builder self() {
      return this;
    }

    public Builder meansInit(MeansInit meansInit) {
      this.meansInit = meansInit;
      return this;
    }

    /** Learned variances (default: none, identity covariance). */
    public Builder variance(Variance variance) {
      this.variance = variance;
      return this;
    }

    /** Caffe's or the paper's class density (default Caffe's). */
    public Builder likelihood(Likelihood likelihood) {
      this.likelihood = likelihood;
      return this;
    }

    /** The margin alpha >= 0 (default 0.1). */
    public Builder alpha(float alpha) {
      requireNonNegative("alpha", alpha);
      this.alphaValue = alpha;
      this.alpha = null;
      return this;
    }

    /** A scalar alpha the caller feeds or schedules. */
    public Builder alpha(Operand<TFloat32> alpha) {
      this.alpha = alpha;
      return this;
    }

    /**
     * The likelihood weight lambda >= 0, 1/2 ||x - mu_y||^2 convention. The default, 0.01, is
     * the TensorFlow demo's constant; {@code gmloss train} instead ramps 0.1 in over the first
     * epoch, which centres the means on their clusters: pass {@link #lambda(Operand)} for that.
     */
    public Builder lambda(float lambda) {
      requireNonNegative("lambda", lambda);
      this.lambdaValue = lambda;
      this.lambda = null;
      return this;
    }

    /** A scalar lambda the caller feeds or schedules. */
    public Builder lambda(Operand<TFloat32> lambda) {
      this.lambda = lambda;
      return this;
    }

    /** Creates the variables in the caller's graph. */
    public GmHead build() {
      return new GmHead(this, parameters(tf));
    }

    private static void requireNonNegative(String name, float value) {
      if (!(value >= 0) || Float.isInfinite(value)) {
        throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
      }
    }
  }
}
