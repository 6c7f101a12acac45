package gmloss.loss;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The scalars a head's loss reads, by the names of its {@link HeadType#hyperParameters()} (GM:
 * the margin {@code alpha} and the likelihood weight {@code lambda}): tensors fed at every step,
 * so that schedules can change them, or constants.
 */
public record LossWeights(Map<String, Operand<TFloat32>> values) {

  public LossWeights {
    values = Map.copyOf(values);
  }

  /**
   * The scalar named {@code name}.
   *
   * @throws IllegalArgumentException naming what was given when there is no such scalar
   */
  public Operand<TFloat32> get(String name) {
    Operand<TFloat32> value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the loss needs a scalar '" + name + "', given "
          + values.keySet());
    }
    return value;
  }
}
