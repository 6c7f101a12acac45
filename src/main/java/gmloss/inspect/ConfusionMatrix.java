package gmloss.inspect;

import java.util.List;
import java.util.Locale;

/** Counts of (true class, predicted class) over a split, and what follows from them. */
public final class ConfusionMatrix {

  private final long[][] counts;
  private final List<String> classNames;
  private double logLikelihoodSum;
  private long logLikelihoods;

  public ConfusionMatrix(List<String> classNames) {
    this.classNames = List.copyOf(classNames);
    this.counts = new long[classNames.size()][classNames.size()];
  }

  public void add(int trueClass, long predicted) {
    counts[trueClass][(int) predicted]++;
  }

  public void addLogLikelihood(float value) {
    logLikelihoodSum += value;
    logLikelihoods++;
  }

  public long total() {
    long total = 0;
    for (long[] row : counts) {
      for (long count : row) {
        total += count;
      }
    }
    return total;
  }

  public long correct() {
    long correct = 0;
    for (int k = 0; k < counts.length; k++) {
      correct += counts[k][k];
    }
    return correct;
  }

  public double accuracy() {
    return (double) correct() / total();
  }

  /** Images of class {@code k} in the split. */
  public long support(int k) {
    long support = 0;
    for (long count : counts[k]) {
      support += count;
    }
    return support;
  }

  /** Share of class {@code k}'s images predicted as {@code k}; NaN for a class with none. */
  public double classAccuracy(int k) {
    return (double) counts[k][k] / support(k);
  }

  public long count(int trueClass, int predicted) {
    return counts[trueClass][predicted];
  }

  public List<String> classNames() {
    return classNames;
  }

  /** Mean log-likelihood of the predicted class (GM models); NaN without any. */
  public double meanLogLikelihood() {
    return logLikelihoods == 0 ? Double.NaN : logLikelihoodSum / logLikelihoods;
  }

  /** A header row of predicted class names, then one row per true class. */
  public String csv() {
    StringBuilder text = new StringBuilder("true/predicted");
    for (String name : classNames) {
      text.append(',').append(quoted(name));
    }
    text.append('\n');
    for (int k = 0; k < counts.length; k++) {
      text.append(quoted(classNames.get(k)));
      for (long count : counts[k]) {
        text.append(',').append(count);
      }
      text.append('\n');
    }
    return text.toString();
  }

  /** The matrix with class numbers as column heads, for a terminal. */
  public String table() {
    int width = Math.max(5, Long.toString(total()).length() + 1);
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-16s", "true \\ predicted"));
    for (int k = 0; k < counts.length; k++) {
      text.append(String.format(Locale.ROOT, "%" + width + "d", k));
    }
    text.append('\n');
    for (int k = 0; k < counts.length; k++) {
      String name = classNames.get(k);
      text.append(String.format(Locale.ROOT, "%-16s", k + " " + (name.length() > 13
          ? name.substring(0, 13) : name)));
      for (long count : counts[k]) {
        text.append(String.format(Locale.ROOT, "%" + width + "d", count));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String quoted(String name) {
    return name.contains(",") || name.contains("\"")
        ? '"' + name.replace("\"", "\"\"") + '"' : name;
  }
}
