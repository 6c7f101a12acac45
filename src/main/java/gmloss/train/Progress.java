package gmloss.train;

/**
 * Where training is: the epoch (from 0) and the optimizer step (from 0) about to run. This is
 * all the state the schedules need, so a checkpoint that stores it resumes them exactly.
 */
public record Progress(int epoch, long iteration, int batchesPerEpoch) {

  /** Epochs completed, with the fraction of the current one. */
  public double epochs() {
    return (double) iteration / batchesPerEpoch;
  }
}
