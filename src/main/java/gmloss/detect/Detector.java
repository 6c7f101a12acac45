package gmloss.detect;

import gmloss.data.BatchLoader;
import gmloss.data.ImageSet;
import gmloss.inspect.LoadedModel;
import gmloss.inspect.Tta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attacks a model's test images and scores every clean, adversarial and out-of-distribution
 * input, as the L-GM paper proposes: a GM model by the log-likelihood of its predicted class
 * (low: far from every class mean); any model by the baselines of today: its largest softmax
 * probability, its energy, and, given a {@link GaussianFit} of its training features, the
 * Mahalanobis score (see {@link Score}).
 *
 * <p>Thread safety: a detector keeps no state between runs; one run uses its model from the
 * calling thread, so several detectors may share a model from several threads.
 */
public final class Detector {

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
  private final List<Score> scores;
  private final Scorer scorer;

  /** A detector with every score the model has without a {@link GaussianFit}. */
  public Detector(LoadedModel model, int batchSize, double falsePositiveRate) {
    this(model, batchSize, falsePositiveRate, Score.applicable(model.hasCentres(), false),
        Optional.empty());
  }

  /**
   * @param scores what to score every input by, in the order of the results
   * @param fit Gaussians fitted to the model's training features, for the scores that need them
   * @throws IllegalArgumentException if a score needs class centres or a fit that is not there
   */
  public Detector(LoadedModel model, int batchSize, double falsePositiveRate,
      List<Score> scores, Optional<GaussianFit> fit) {
    for (Score score : scores) {
      if (score.needsCentres() && !model.hasCentres()) {
        throw new IllegalArgumentException(score.label() + " needs a model with class centres");
      }
      if (score.needsFit() && fit.isEmpty()) {
        throw new IllegalArgumentException(score.label() + " needs a GaussianFit");
      }
    }
    this.model = model;
    this.batchSize = batchSize;
    this.falsePositiveRate = falsePositiveRate;
    this.scores = List.copyOf(scores);
    this.scorer = new Scorer(fit, model.means());
  }

  /** The scores every input is judged by, in order. */
  public List<Score> scores() {
    return scores;
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
  private final class Scored {
    private final Map<Score, double[]> values = new LinkedHashMap<>();
    private int count;

    Scored(int size) {
      scores.forEach(score -> values.put(score, new double[size]));
    }

    void add(LoadedModel.Predictions predictions) {
      for (int i = 0; i < predictions.classes().length; i++, count++) {
        Scorer.Image image = scorer.image(predictions, i);
        for (Score score : scores) {
          values.get(score)[count] = image.value(score);
        }
      }
    }

    double[] values(Score score) {
      return values.get(score);
    }
  }
}
