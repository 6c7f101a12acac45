package gmloss.train;

import java.util.Locale;

/** The epoch line in the log, and a warning when a learned variance nears Caffe's clamp. */
final class EpochLog implements TrainingListener {

  /** Below this a learned variance is close to Caffe's clamp of 1e-4: worth a warning. */
  static final double SMALL_VARIANCE = 1e-3;

  private final RunLog log;
  private final int epochs;

  EpochLog(RunLog log, int epochs) {
    this.log = log;
    this.epochs = epochs;
  }

  @Override
  public void epochDone(EpochMetrics metrics) {
    log.line(metrics.summary(epochs), width -> metrics.summary(epochs, width));
    metrics.varianceRange().filter(v -> v.min() < SMALL_VARIANCE).ifPresent(v -> log.line(
        String.format(Locale.ROOT, "warning: a learned variance fell to %.3g (below %s) in"
            + " epoch %d; distances to that class are being blown up", v.min(), SMALL_VARIANCE,
            metrics.epoch() + 1)));
  }
}
