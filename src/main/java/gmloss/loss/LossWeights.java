package gmloss.loss;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Scalar tensors fed at every step, so that schedules can change them: the margin alpha and the
 * weight lambda of the likelihood term. A softmax head ignores both.
 */
public record LossWeights(Operand<TFloat32> alpha, Operand<TFloat32> lambda) {}
