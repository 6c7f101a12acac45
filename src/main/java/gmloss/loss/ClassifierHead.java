package gmloss.loss;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** What sits on top of the features: label-free logits for prediction and a training loss. */
public interface ClassifierHead {

  /** Logits [N, C] for prediction. They never depend on labels or on training-only settings. */
  Operand<TFloat32> logits(Operand<TFloat32> features);

  /** The training loss of a batch, averaged over its examples. */
  LossTerms loss(Operand<TFloat32> features, Operand<TInt32> labels, LossWeights weights);
}
