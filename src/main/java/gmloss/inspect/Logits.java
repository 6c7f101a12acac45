package gmloss.inspect;

/** A row of logits read on the Java side: its class and its softmax, in double. */
public final class Logits {

  private Logits() {}

  /** The index of the largest logit, the first of equals. */
  public static int argMax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      best = logits[i] > logits[best] ? i : best;
    }
    return best;
  }

  /**
   * log softmax(z)_k = z_k - max z - log sum_j exp(z_j - max z), in double. For the largest
   * logit it orders inputs as the largest probability does, without float32 rounding many
   * confident inputs to exactly 1.
   */
  public static double logSoftmax(float[] logits, int k) {
    float largest = logits[argMax(logits)];
    double sum = 0;
    for (float logit : logits) {
      sum += Math.exp(logit - largest);
    }
    return logits[k] - largest - Math.log(sum);
  }

  /** softmax(z), each entry exp of its {@link #logSoftmax}. */
  public static float[] softmax(float[] logits) {
    float[] probabilities = new float[logits.length];
    for (int k = 0; k < logits.length; k++) {
      probabilities[k] = (float) Math.exp(logSoftmax(logits, k));
    }
    return probabilities;
  }
}
