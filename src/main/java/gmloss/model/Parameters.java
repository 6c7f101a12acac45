package gmloss.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Every variable of a model, with what training needs to know about it: whether it is trained,
 * its role (which decides weight decay), its learning-rate multiplier, and the batch-norm
 * statistic updates that must run with each training step.
 */
public final class Parameters {

  /** What a trained variable is, for the rules of weight decay and learning rates. */
  public enum Role {
    /** Convolution kernels and linear weights: always decayed. */
    WEIGHT,
    /** Batch-norm scale and shift, biases: decayed only when asked, as the references do. */
    SCALE_AND_SHIFT,
    /** GM class means: decayed unless asked not to, with their own learning-rate multiplier. */
    MEANS,
    /** Learned GM variances: never decayed. */
    VARIANCES
  }

  /** A trainable variable and the identity that every consumer reads it through. */
  public record Trainable(String name, Variable<TFloat32> variable, Operand<TFloat32> value,
      Role role, float learningRateMultiplier) {}

  /**
   * What a name prefix may be. No "/": TensorFlow-Java's optimizers name their slots after the
   * variable and refuse a "/" in a name.
   */
  private static final Pattern PREFIX =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private final Ops tf;
  private final String prefix;
  private final Initializers initializers;
  private final List<Trainable> trainables = new ArrayList<>();
  private final List<Variable<TFloat32>> statistics = new ArrayList<>();
  private final List<Op> statisticUpdates = new ArrayList<>();

  public Parameters(Ops tf, long seed) {
    this(tf, seed, "");
  }

  /**
   * Parameters whose variables are named {@code prefix_name}, so that several sets live in one
   * graph (a head in someone else's network, say).
   *
   * @param seed of every initial value
   * @throws IllegalArgumentException if {@code prefix} is not a valid name start
   */
  public Parameters(Ops tf, long seed, String prefix) {
    if (!prefix.isEmpty() && !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("name prefix '" + prefix + "': letters, digits, '_',"
          + " '.' and '-' only, not starting with '_', '.' or '-'");
    }
    this.tf = tf;
    this.prefix = prefix;
    this.initializers = new Initializers(tf, seed);
  }

  private String named(String name) {
    return prefix.isEmpty() ? name : prefix + "_" + name;
  }

  public Ops tf() {
    return tf;
  }

  public Initializers init() {
    return initializers;
  }

  /** A weight: trained, decayed, full learning rate. */
  public Operand<TFloat32> weight(String name, Operand<TFloat32> initialValue) {
    return trainable(name, initialValue, Role.WEIGHT, 1f);
  }

  /** A trained variable of the given role, with its own learning-rate multiplier. */
  public Operand<TFloat32> trainable(String name, Operand<TFloat32> initialValue, Role role,
      float learningRateMultiplier) {
    Variable<TFloat32> variable = tf.withName(named(name)).variable(initialValue);
    // Reading through identity: ops applied to a raw VariableV2 output crashed gradient building.
    Operand<TFloat32> value = tf.withName(named(name) + "_read").identity(variable);
    trainables.add(new Trainable(named(name), variable, value, role, learningRateMultiplier));
    return value;
  }

  /** A variable that training changes by assignment, not by gradients (moving statistics). */
  public Variable<TFloat32> statistic(String name, Operand<TFloat32> initialValue) {
    Variable<TFloat32> variable = tf.withName(named(name)).variable(initialValue);
    statistics.add(variable);
    return variable;
  }

  public void addStatisticUpdate(Op update) {
    statisticUpdates.add(update);
  }

  public List<Trainable> trainables() {
    return Collections.unmodifiableList(trainables);
  }

  public List<Variable<TFloat32>> statistics() {
    return Collections.unmodifiableList(statistics);
  }

  public List<Op> statisticUpdates() {
    return Collections.unmodifiableList(statisticUpdates);
  }

  /** Number of trained scalars. */
  public long trainableCount() {
    return trainables.stream().mapToLong(t -> t.variable().shape().size()).sum();
  }
}
