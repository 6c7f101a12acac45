package gmloss.train;

/**
 * What a listener may do to the run it listens to, as a Keras callback sets
 * {@code model.stop_training}. Safe to call from any thread.
 */
public interface RunControl {

  /** Stops the run after its current step, with a checkpoint that a resume continues from. */
  void requestStop();
}
