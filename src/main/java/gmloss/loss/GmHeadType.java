package gmloss.loss;

import gmloss.model.Parameters;
import gmloss.options.OptionException;
import gmloss.options.OptionValues;
import java.util.List;
import java.util.Optional;

/** The large-margin Gaussian mixture head as {@code --loss gm}. */
final class GmHeadType implements HeadType {

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
    // The ramps of the authors' TPAMI code start alpha at 0.1 and lambda at 0.01 of the value.
    return List.of(new HyperParameter(LargeMarginGmLoss.ALPHA, 0.1),
        new HyperParameter(LargeMarginGmLoss.LAMBDA, 0.01));
  }

  @Override
  public List<String> options() {
    return List.of("means-init", "variance", "variance-param", "variance-lr-mult",
        "gm-likelihood", "means-lr-mult", "decay-means");
  }

  @Override
  public List<String> structuralOptions() {
    return List.of("means-init", "variance", "variance-param", "variance-lr-mult",
        "gm-likelihood");
  }

  @Override
  public HeadStructure structure(OptionValues options) throws OptionException {
    Variance.Structure shape = options.choice("variance", Variance.Structure.class);
    Variance variance = shape == Variance.Structure.NONE ? Variance.NONE : new Variance(shape,
        options.choice("variance-param", Variance.Parameterisation.class),
        options.number("variance-lr-mult", 0, Double.MAX_VALUE));
    return new GmStructure(options.choice("means-init", MeansInit.class), variance,
        options.choice("gm-likelihood", Likelihood.class));
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
