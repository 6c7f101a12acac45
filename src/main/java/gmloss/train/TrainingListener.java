package gmloss.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Something that happens around the training loop: the epoch line, the metrics file, the
 * progress display, TensorBoard. The loop only trains and tells its listeners, as Keras
 * callbacks and DJL's training listeners are told.
 */
public interface TrainingListener {

  /**
   * A line of the run's log, as {@code train.log} keeps it: what the run is, the epoch lines,
   * where it stopped. {@code forWidth} gives its form for a display of fewer columns (the epoch
   * line drops its less telling fields).
   */
  default void logged(String line, IntFunction<String> forWidth) {}

  /**
   * The run stopped before its last epoch, on request, with {@code checkpoint} written: it goes
   * on from there when the run in {@code runDir} is resumed. While a signal stopped it, the
   * process exits soon after; this comes before.
   */
  default void runStopped(Checkpoint checkpoint, Path runDir) {}

  /** Before the first step: {@code run} stops the run when asked. */
  default void runStarted(RunControl run) {}

  /** Epoch {@code epoch} (from 0) starts, or resumes, at batch {@code firstBatch}. */
  default void epochStarted(int epoch, int firstBatch, int batches) {}

  /** After every optimizer step. */
  default void stepDone(StepReport step) {}

  /** After the test evaluation that ends an epoch. */
  default void epochDone(EpochMetrics metrics) throws IOException {}

  /**
   * Distributions measured at the end of epoch {@code epoch} (from 0), by name: each test image's
   * distance to its own class mean, the learned variances.
   */
  default void epochHistograms(int epoch, Map<String, float[]> histograms) {}
}
