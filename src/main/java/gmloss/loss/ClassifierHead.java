package gmloss.loss;

import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** What sits on top of the features: label-free logits for prediction and a training loss. */
public interface ClassifierHead {

  /** Logits [N, C] for prediction. They never depend on labels or on training-only settings. */
  Operand<TFloat32> logits(Operand<TFloat32> features);

  /**
   * The training loss of a batch, averaged over its examples.
   *
   * @param weights the scalars of the head's {@link HeadType#hyperParameters()}
   */
  LossTerms loss(Operand<TFloat32> features, Operand<TInt32> labels, LossWeights weights);

  /**
   * Updates a training step makes besides the optimizer's (the center loss moves its centres
   * towards the batch's features); none by default.
   *
   * @param after the scope the updates are created in: they run after what it waits for, the
   *     gradients, so that no gradient reads a value they have changed
   */
  default List<Op> updates(Ops after, Operand<TFloat32> features, Operand<TInt32> labels,
      LossWeights weights) {
    return List.of();
  }

  /** The class centres the head learns, if it has them. */
  default Optional<ClassCentres> centres() {
    return Optional.empty();
  }
}
