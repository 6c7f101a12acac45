package gmloss.detect;

import gmloss.data.BatchLoader;
import gmloss.data.ImageSet;
import gmloss.inspect.LoadedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attacks a model's test images and scores every clean, adversarial and out-of-distribution
 * input, as the L-GM paper proposes: a GM model by the log-likelihood of its predicted class
 * (low: far from every class mean), any model by its largest softmax probability (the usual
 * baseline).
 */
public final class Detector {

  /** What an input is scored by; high means familiar. */
  public enum Score {
    LOG_LIKELIHOOD("log-likelihood"),
    /** Stored as its logarithm, which orders inputs the same way. */
    MAX_PROBABILITY("max softmax probability");

    private final String label;

    Score(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * The scores of one kind for every input, and how well they separate clean inputs from the
   * others.
   *
   * @param adversarialAll clean against every adversarial input
   * @param adversarialSuccessful clean against the adversarial inputs that turned a correct
   *     prediction into a wrong one; null when the attack never succeeded
   */
  public record ScoreResult(double[] clean, double[] adversarial, double[] unfamiliar,
      Separation adversarialAll, Separation adversarialSuccessful, Separation unfamiliarSet) {}

  /**
   * @param images clean images attacked
   * @param successful attacks that turned a correct prediction into a wrong one
   */
  public record Result(int images, double cleanAccuracy, double adversarialAccuracy,
      int successful, Map<Score, ScoreResult> scores) {}

  private final LoadedModel model;
  private final int batchSize;
  private final double falsePositiveRate;

  public Detector(LoadedModel model, int batchSize, double falsePositiveRate) {
    this.model = model;
    this.batchSize = batchSize;
    this.falsePositiveRate = falsePositiveRate;
  }

  /** The scores a model of this kind is judged by: the likelihood first for GM models. */
  public List<Score> scores() {
    return model.isGm() ? List.of(Score.LOG_LIKELIHOOD, Score.MAX_PROBABILITY)
        : List.of(Score.MAX_PROBABILITY);
  }

  /**
   * @param clean labelled images of the model's shape, attacked one batch at a time
   * @param unfamiliar images of the model's shape from elsewhere (labels unused)
   */
  public Result run(ImageSet clean, Attack attack, ImageSet unfamiliar) {
    Scored cleanScores = new Scored(clean.size());
    Scored adversarialScores = new Scored(clean.size());
    List<Boolean> succeeded = new ArrayList<>();
    int[] correct = new int[2]; // clean, under attack
    BatchLoader.inOrder(clean, batchSize, batch -> {
      int[] labels = new int[batch.size()];
      batch.labels().asRawTensor().data().asInts().read(labels);
      float[] pixels = new float[(int) batch.images().size()];
      batch.images().asRawTensor().data().asFloats().read(pixels);
      LoadedModel.Predictions before = model.predict(batch.images());
      float[] adversarial = attack.perturb(pixels, labels, model::lossGradient);
      LoadedModel.Predictions after = model.predict(adversarial, labels.length);
      cleanScores.add(before);
      adversarialScores.add(after);
      for (int i = 0; i < labels.length; i++) {
        boolean right = before.classes()[i] == labels[i];
        boolean stillRight = after.classes()[i] == labels[i];
        correct[0] += right ? 1 : 0;
        correct[1] += stillRight ? 1 : 0;
        succeeded.add(right && !stillRight);
      }
    });
    Scored unfamiliarScores = new Scored(unfamiliar.size());
    BatchLoader.inOrder(unfamiliar, batchSize,
        batch -> unfamiliarScores.add(model.predict(batch.images())));
    int successful = (int) succeeded.stream().filter(s -> s).count();
    Map<Score, ScoreResult> results = new LinkedHashMap<>();
    for (Score score : scores()) {
      double[] cleanValues = cleanScores.values(score);
      double[] adversarialValues = adversarialScores.values(score);
      double[] onlySuccessful = new double[successful];
      for (int i = 0, j = 0; i < adversarialValues.length; i++) {
        if (succeeded.get(i)) {
          onlySuccessful[j++] = adversarialValues[i];
        }
      }
      double[] unfamiliarValues = unfamiliarScores.values(score);
      results.put(score, new ScoreResult(cleanValues, adversarialValues, unfamiliarValues,
          Separation.of(cleanValues, adversarialValues, falsePositiveRate),
          successful == 0 ? null
              : Separation.of(cleanValues, onlySuccessful, falsePositiveRate),
          Separation.of(cleanValues, unfamiliarValues, falsePositiveRate)));
    }
    return new Result(clean.size(), (double) correct[0] / clean.size(),
        (double) correct[1] / clean.size(), successful, results);
  }

  /**
   * log softmax(z)_k = z_k - max z - log sum_j exp(z_j - max z), in double. For the largest
   * logit it orders inputs as the largest probability does, without float32 rounding many
   * confident inputs to exactly 1.
   */
  static double logSoftmax(float[] logits, int k) {
    float largest = logits[argMax(logits)];
    double sum = 0;
    for (float logit : logits) {
      sum += Math.exp(logit - largest);
    }
    return logits[k] - largest - Math.log(sum);
  }

  private static int argMax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      best = values[i] > values[best] ? i : best;
    }
    return best;
  }

  /** Scores of a stream of predictions, in order. */
  private static final class Scored {
    private final double[] logLikelihood;
    private final double[] maxProbability;
    private int count;

    Scored(int size) {
      logLikelihood = new double[size];
      maxProbability = new double[size];
    }

    void add(LoadedModel.Predictions predictions) {
      float[] likelihoods = predictions.logLikelihood().orElse(null);
      for (int i = 0; i < predictions.classes().length; i++, count++) {
        float[] logits = predictions.logits()[i];
        maxProbability[count] = logSoftmax(logits, argMax(logits));
        logLikelihood[count] = likelihoods == null ? Double.NaN : likelihoods[i];
      }
    }

    double[] values(Score score) {
      return score == Score.LOG_LIKELIHOOD ? logLikelihood : maxProbability;
    }
  }
}
