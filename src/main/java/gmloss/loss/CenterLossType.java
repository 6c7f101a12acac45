package gmloss.loss;

import gmloss.model.Parameters;
import java.util.List;
import java.util.Optional;

/**
 * The center loss as {@code --loss center}.
 *
 * <p>Thread safety: immutable.
 */
public final class CenterLossType implements HeadType {

  /** The weight of the centre term: GM's lambda shares its setting and default. */
  public static final HyperParameter LAMBDA = GmHeadType.LAMBDA;
  /** The rate alpha at which the centres follow their classes. */
  public static final HyperParameter CENTRE_RATE =
      new HyperParameter(CenterLossHead.ALPHA, "0.5", "constant", 0.1);

  static final CenterLossType INSTANCE = new CenterLossType();

  private CenterLossType() {}

  @Override
  public String name() {
    return "center";
  }

  @Override
  public String summary() {
    return "center loss (Wen et al., ECCV 2016): softmax plus lambda times 1/2 ||x - c_y||^2,"
        + " the centres following their classes at rate --center-alpha";
  }

  @Override
  public List<HyperParameter> hyperParameters() {
    return List.of(LAMBDA, CENTRE_RATE);
  }

  @Override
  public ClassifierHead build(Parameters parameters, int numClasses, int featureDim,
      HeadStructure structure) {
    return new CenterLossHead(parameters, featureDim, numClasses);
  }

  @Override
  public Optional<String> centresVariable() {
    return Optional.of(CenterLossHead.CENTRES_VARIABLE);
  }
}
