package gmloss.train;

/**
 * Running sums of the epoch in progress. A checkpoint written mid-epoch keeps them, so that the
 * epoch's metrics after a resume are those of an uninterrupted run.
 */
public final class EpochTotals {

  double loss;
  double likelihood;
  long correct;
  long images;
  /** Time spent in this epoch's training steps, in seconds. */
  double seconds;

  void add(float batchLoss, float batchLikelihood, int batchCorrect, int batchSize) {
    loss += (double) batchLoss * batchSize;
    likelihood += (double) batchLikelihood * batchSize;
    correct += batchCorrect;
    images += batchSize;
  }

  EpochTotals copy() {
    EpochTotals copy = new EpochTotals();
    copy.loss = loss;
    copy.likelihood = likelihood;
    copy.correct = correct;
    copy.images = images;
    copy.seconds = seconds;
    return copy;
  }
}
