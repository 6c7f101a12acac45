package gmloss.loss;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Scalar parts of a training loss: {@code total = classification + lambda * likelihood}. For a
 * softmax head the likelihood term is zero.
 */
public record LossTerms(Operand<TFloat32> total, Operand<TFloat32> classification,
    Operand<TFloat32> likelihood) {}
