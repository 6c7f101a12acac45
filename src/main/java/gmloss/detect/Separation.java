package gmloss.detect;

import java.util.Arrays;

/**
 * How well a score tells clean inputs from suspect ones (adversarial or unfamiliar), when a low
 * score flags an input as suspect.
 *
 * @param auc area under the ROC curve: the chance that a random clean input scores higher than a
 *     random suspect one, ties counting half (0.5 is chance, 1 perfect)
 * @param detectionRate share of suspect inputs flagged at the threshold that flags at most
 *     {@code falsePositiveRate} of the clean inputs
 * @param threshold that threshold: inputs scoring below it are flagged
 * @param falsePositiveRate the largest share of clean inputs the threshold may flag
 */
public record Separation(double auc, double detectionRate, double threshold,
    double falsePositiveRate) {

  /** One ROC curve: false-positive and true-positive rates, from (0, 0) to (1, 1). */
  public record Curve(double[] falsePositives, double[] truePositives) {}

  public static Separation of(double[] clean, double[] suspect, double falsePositiveRate) {
    if (clean.length == 0 || suspect.length == 0) {
      throw new IllegalArgumentException("need clean and suspect scores");
    }
    double[] sortedClean = sorted(clean);
    // The k-th smallest clean score: below it lie at most k clean scores (fewer with ties).
    int allowed = (int) Math.floor(falsePositiveRate * clean.length);
    double threshold = allowed >= clean.length ? Double.POSITIVE_INFINITY : sortedClean[allowed];
    long flagged = Arrays.stream(suspect).filter(s -> s < threshold).count();
    return new Separation(auc(clean, suspect), (double) flagged / suspect.length, threshold,
        falsePositiveRate);
  }

  /** The Mann-Whitney statistic over all clean-suspect pairs, computed from sorted scores. */
  static double auc(double[] clean, double[] suspect) {
    double[] sortedSuspect = sorted(suspect);
    double wins = 0;
    for (double score : clean) {
      int below = lowerBound(sortedSuspect, score);
      int notAbove = upperBound(sortedSuspect, score);
      wins += below + 0.5 * (notAbove - below);
    }
    return wins / ((double) clean.length * suspect.length);
  }

  /** The ROC curve over every distinct score as threshold (flag below it). */
  public static Curve curve(double[] clean, double[] suspect) {
    double[] thresholds = Arrays.stream(concat(clean, suspect)).sorted().distinct().toArray();
    double[] sortedClean = sorted(clean);
    double[] sortedSuspect = sorted(suspect);
    double[] falsePositives = new double[thresholds.length + 1];
    double[] truePositives = new double[thresholds.length + 1];
    for (int t = 0; t < thresholds.length; t++) {
      falsePositives[t] = (double) lowerBound(sortedClean, thresholds[t]) / clean.length;
      truePositives[t] = (double) lowerBound(sortedSuspect, thresholds[t]) / suspect.length;
    }
    falsePositives[thresholds.length] = 1;
    truePositives[thresholds.length] = 1;
    return new Curve(falsePositives, truePositives);
  }

  private static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** Number of values strictly below {@code key} in a sorted array. */
  private static int lowerBound(double[] sorted, double key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Number of values at or below {@code key} in a sorted array. */
  private static int upperBound(double[] sorted, double key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] <= key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
