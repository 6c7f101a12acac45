package gmloss.loss;

import gmloss.model.Dense;
import gmloss.model.Parameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The baseline: a linear classifier with softmax cross entropy. */
public final class SoftmaxHead implements ClassifierHead {

  /** The baseline as {@code --loss softmax}: no hyper-parameters, no options. */
  public static final HeadType TYPE = new HeadType() {
    @Override
    public String name() {
      return "softmax";
    }

    @Override
    public String summary() {
      return "linear classifier and softmax cross entropy, the baseline";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
      return List.of();
    }

    @Override
    public ClassifierHead build(Parameters parameters, int numClasses, int featureDim,
        HeadStructure structure) {
      return new SoftmaxHead(parameters, featureDim, numClasses);
    }
  };

  private final Ops tf;
  private final Dense classifier;
  private final int numClasses;

  public SoftmaxHead(Parameters parameters, int featureDim, int numClasses) {
    this.tf = parameters.tf();
    this.classifier = new Dense(parameters, "classifier", featureDim, numClasses);
    this.numClasses = numClasses;
  }

  @Override
  public Operand<TFloat32> logits(Operand<TFloat32> features) {
    return classifier.apply(features);
  }

  @Override
  public LossTerms loss(Operand<TFloat32> features, Operand<TInt32> labels, LossWeights weights) {
    Operand<TFloat32> oneHot = CrossEntropy.oneHot(tf, labels, numClasses);
    Operand<TFloat32> classification = CrossEntropy.mean(tf, logits(features), oneHot);
    return new LossTerms(classification, classification, tf.constant(0f));
  }
}
