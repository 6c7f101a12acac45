package gmloss.loss;

import gmloss.model.Parameters;
import gmloss.options.OptionException;
import gmloss.options.OptionValues;
import gmloss.options.Setting;
import java.util.List;
import java.util.Optional;

/**
 * The large-margin Gaussian mixture head as {@code --loss gm}, with the settings it alone reads.
 *
 * <p>Thread safety: immutable.
 */
public final class GmHeadType implements HeadType {

  // The ramps of the authors' TPAMI code start alpha at 0.1 and lambda at 0.01 of the value.
  /** The margin alpha. */
  public static final HyperParameter ALPHA =
      new HyperParameter(LargeMarginGmLoss.ALPHA, "0.1", "constant", 0.1);
  /** The likelihood weight lambda, ramped in over the first epoch: it centres each mean. */
  public static final HyperParameter LAMBDA =
      new HyperParameter(LargeMarginGmLoss.LAMBDA, "0.1", "ramp:1", 0.01);

  /** Fixed for a run's life: these shape the head's variables. */
  private static final boolean FIXED = true;

  /** How the means start: normal (std 0.1), glorot or he. */
  public static final Setting<MeansInit> MEANS_INIT =
      Setting.choice("means-init", "normal", MeansInit.class, FIXED);
  /** Learned variances: none, isotropic or diagonal. */
  public static final Setting<Variance.Structure> VARIANCE =
      Setting.choice("variance", "none", Variance.Structure.class, FIXED);
  /** The variances as themselves (Caffe) or as their logarithms. */
  public static final Setting<Variance.Parameterisation> VARIANCE_PARAMETERISATION =
      Setting.choice("variance-param", "linear", Variance.Parameterisation.class, FIXED);
  /** The variances' learning rate as a multiple of the network's. */
  public static final Setting<Float> VARIANCE_LR_MULT =
      Setting.number("variance-lr-mult", "0.1", 0, Double.MAX_VALUE, FIXED);
  /** The likelihood as the Caffe code or as the paper writes it. */
  public static final Setting<Likelihood> LIKELIHOOD =
      Setting.choice("gm-likelihood", "caffe", Likelihood.class, FIXED);
  /** The means' learning rate as a multiple of the network's. */
  public static final Setting<Float> MEANS_LR_MULT =
      Setting.number("means-lr-mult", "1", 0, Double.MAX_VALUE, !FIXED);
  /** Whether weight decay reaches the means. */
  public static final Setting<Boolean> DECAY_MEANS = Setting.bool("decay-means", "true", !FIXED);

  static final GmHeadType INSTANCE = new GmHeadType();

  private GmHeadType() {}

  @Override
  public String name() {
    return "gm";
  }

  @Override
  public String summary() {
    return "large-margin Gaussian mixture loss (Wan et al., CVPR 2018), the default";
  }

  @Override
  public List<HyperParameter> hyperParameters() {
    return List.of(ALPHA, LAMBDA);
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(MEANS_INIT, VARIANCE, VARIANCE_PARAMETERISATION, VARIANCE_LR_MULT,
        LIKELIHOOD, MEANS_LR_MULT, DECAY_MEANS);
  }

  @Override
  public HeadStructure structure(OptionValues options) throws OptionException {
    Variance.Structure shape = options.get(VARIANCE);
    Variance variance = shape == Variance.Structure.NONE ? Variance.NONE : new Variance(shape,
        options.get(VARIANCE_PARAMETERISATION), options.get(VARIANCE_LR_MULT));
    return new GmStructure(options.get(MEANS_INIT), variance, options.get(LIKELIHOOD));
  }

  @Override
  public HeadStructure defaultStructure() {
    return new GmStructure(MeansInit.NORMAL, Variance.NONE, Likelihood.CAFFE);
  }

  @Override
  public Class<? extends HeadStructure> structureType() {
    return GmStructure.class;
  }

  @Override
  public ClassifierHead build(Parameters parameters, int numClasses, int featureDim,
      HeadStructure structure) {
    GmStructure gm = (GmStructure) structure;
    return GmHead.builder(parameters.tf(), numClasses, featureDim).parameters(parameters)
        .meansInit(gm.meansInit()).variance(gm.variance()).likelihood(gm.likelihood()).build();
  }

  @Override
  public Optional<String> centresVariable() {
    return Optional.of(GaussianMixtureLayer.MEANS_VARIABLE);
  }
}
