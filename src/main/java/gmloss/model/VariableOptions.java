package gmloss.model;

import org.tensorflow.op.Ops;

/**
 * What every builder of layers with variables lets the caller choose: the name prefix and seed
 * of a new set of {@link Parameters}, or an existing set to add to.
 *
 * @param <B> the builder, returned by every option for chaining
 */
public abstract class VariableOptions<B extends VariableOptions<B>> {

  private Parameters parameters;
  private String namePrefix = "";
  private long seed = 42;

  /** Variables are named {@code prefix_name} (no "/"; default: no prefix). */
  public B namePrefix(String prefix) {
    this.namePrefix = prefix;
    return self();
  }

  /** Seed of the initial values (default 42). */
  public B seed(long seed) {
    this.seed = seed;
    return self();
  }

  /** Adds the variables to an existing set, whose prefix and seed then apply. */
  public B parameters(Parameters parameters) {
    this.parameters = parameters;
    return self();
  }

  /** The set the variables go to: the one given, or a new one in {@code tf}'s graph. */
  protected Parameters parameters(Ops tf) {
    return parameters != null ? parameters : new Parameters(tf, seed, namePrefix);
  }

  /** This builder. */
  protected abstract B self();
}
