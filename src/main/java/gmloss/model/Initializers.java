package gmloss.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Seeded initial values built from stateless random ops. Written here because the framework's
 * variance-scaling initialisers in 1.1.0 count input channels twice in the fan-in of convolution
 * kernels and draw "uniform" values that are never negative.
 */
public final class Initializers {

  private final Ops tf;
  private final long seed;
  private long counter;

  /** Every initialiser drawn from this instance gets its own stream of {@code seed}. */
  public Initializers(Ops tf, long seed) {
    this.tf = tf.withInitScope();
    this.seed = seed;
  }

  /** He et al. (2015): normal with standard deviation sqrt(2 / fanIn). */
  public Operand<TFloat32> heNormal(Shape shape, long fanIn) {
    return normal(shape, (float) Math.sqrt(2.0 / fanIn));
  }

  /** Glorot and Bengio (2010): uniform on +-sqrt(6 / (fanIn + fanOut)). */
  public Operand<TFloat32> glorotUniform(Shape shape, long fanIn, long fanOut) {
    float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
    Operand<TFloat32> unit = tf.random.statelessRandomUniform(
        tf.constant(shape.asArray()), nextSeed());
    return tf.math.mul(tf.math.sub(tf.math.mul(unit, tf.constant(2f)), tf.constant(1f)),
        tf.constant(limit));
  }

  public Operand<TFloat32> normal(Shape shape, float std) {
    Operand<TFloat32> unit = tf.random.statelessRandomNormal(
        tf.constant(shape.asArray()), nextSeed());
    return tf.math.mul(unit, tf.constant(std));
  }

  public Operand<TFloat32> constant(Shape shape, float value) {
    return tf.fill(tf.constant(shape.asArray()), tf.constant(value));
  }

  private Operand<org.tensorflow.types.TInt64> nextSeed() {
    return tf.constant(new long[] {seed, counter++});
  }
}
