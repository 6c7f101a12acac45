package gmloss.network;

import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The label-free outputs of the inference path for a batch of raw images.
 *
 * @param distances heads with class centres (GM, center loss): 1/2 squared distance to every
 *     class centre (over the variance, if learned)
 * @param logLikelihood heads with class centres: log-likelihood of the predicted class, up to a
 *     constant
 */
public record Inference(Operand<TFloat32> features, Operand<TFloat32> logits,
    Operand<TFloat32> probabilities, Operand<TInt64> classes,
    Optional<Operand<TFloat32>> distances, Optional<Operand<TFloat32>> logLikelihood) {}
