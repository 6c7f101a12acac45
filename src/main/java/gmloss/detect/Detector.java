package gmloss.detect;

import gmloss.data.BatchLoader;
import gmloss.data.ImageSet;
import gmloss.inspect.LoadedModel;
import gmloss.inspect.Logits;
import gmloss.inspect.Tta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attacks a model's test images and scores every clean, adversarial and out-of-distribution
 * input, as the L-GM paper proposes: a GM model by the log-likelihood of its predicted class
 * (low: far from every class mean), any model by its largest softmax probability (the usual
 * baseline).
 *
 * <p>Thread safety: a detector keeps no state between runs; one run uses its model from the
 * calling thread, so several detectors may share a model from several threads.
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
    return run(clean, attack, unfamiliar, List.of(Tta.NONE)).get(Tta.NONE);
  }

  /**
   * The result under each of {@code views}, from the same adversarial images: the attack
   * follows the gradient of the model alone, which does not know of any test-time
   * augmentation.
   *
   * @param clean labelled images of the model's shape, attacked one batch at a time
   * @param unfamiliar images of the model's shape from elsewhere (labels unused)
   */
  public Map<Tta, Result> run(ImageSet clean, Attack attack, ImageSet unfamiliar,
      List<Tta> views) {
    Map<Tta, Views> byView = new LinkedHashMap<>();
    views.forEach(view -> byView.put(view, new Views(clean.size(), unfamiliar.size())));
    BatchLoader.inOrder(clean, batchSize, batch -> {
      int[] labels = new int[batch.size()];
      batch.labels().asRawTensor().data().asInts().read(labels);
      float[] pixels = new float[(int) batch.images().size()];
      batch.images().asRawTensor().data().asFloats().read(pixels);
      float[] adversarial = attack.perturb(pixels, labels, model::lossGradient);
      byView.forEach((view, scored) -> scored.add(labels,
          view.predict(model, pixels, labels.length),
          view.predict(model, adversarial, labels.length)));
    });
    BatchLoader.inOrder(unfamiliar, batchSize, batch -> byView.forEach((view, scored) ->
        scored.unfamiliar.add(view.predict(model, batch))));
    Map<Tta, Result> results = new LinkedHashMap<>();
    byView.forEach((view, scored) -> results.put(view, scored.result(clean.size())));
    return results;
  }

  /** Clean, adversarial and unfamiliar scores under one view, and what the attacks did. */
  private final class Views {
    private final Scored clean;
    private final Scored adversarial;
    private final Scored unfamiliar;
    private final List<Boolean> succeeded = new ArrayList<>();
    private int correctClean;
    private int correctUnderAttack;

    Views(int images, int unfamiliarImages) {
      clean = new Scored(images);
      adversarial = new Scored(images);
      unfamiliar = new Scored(unfamiliarImages);
    }

    void add(int[] labels, LoadedModel.Predictions before, LoadedModel.Predictions after) {
      clean.add(before);
      adversarial.add(after);
      for (int i = 0; i < labels.length; i++) {
        boolean right = before.classes()[i] == labels[i];
        boolean stillRight = after.classes()[i] == labels[i];
        correctClean += right ? 1 : 0;
        correctUnderAttack += stillRight ? 1 : 0;
        succeeded.add(right && !stillRight);
      }
    }

    Result result(int images) {
      int successful = (int) succeeded.stream().filter(s -> s).count();
      Map<Score, ScoreResult> results = new LinkedHashMap<>();
      for (Score score : scores()) {
        double[] cleanValues = clean.values(score);
        double[] adversarialValues = adversarial.values(score);
        double[] onlySuccessful = new double[successful];
        for (int i = 0, j = 0; i < adversarialValues.length; i++) {
          if (succeeded.get(i)) {
            onlySuccessful[j++] = adversarialValues[i];
          }
        }
        double[] unfamiliarValues = unfamiliar.values(score);
        results.put(score, new ScoreResult(cleanValues, adversarialValues, unfamiliarValues,
            Separation.of(cleanValues, adversarialValues, falsePositiveRate),
            successful == 0 ? null
                : Separation.of(cleanValues, onlySuccessful, falsePositiveRate),
            Separation.of(cleanValues, unfamiliarValues, falsePositiveRate)));
      }
      return new Result(images, (double) correctClean / images,
          (double) correctUnderAttack / images, successful, results);
    }
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
        maxProbability[count] = Logits.logSoftmax(logits, Logits.argMax(logits));
        logLikelihood[count] = likelihoods == null ? Double.NaN : likelihoods[i];
      }
    }

    double[] values(Score score) {
      return score == Score.LOG_LIKELIHOOD ? logLikelihood : maxProbability;
    }
  }
}
