package gmloss.loss;

import gmloss.model.Dense;
import gmloss.model.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The baseline: a linear classifier with softmax cross entropy. */
public final class SoftmaxHead implements ClassifierHead {

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
