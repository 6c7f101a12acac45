package gmloss.inspect;

import gmloss.data.BatchLoader;
import gmloss.data.ImageSet;
import gmloss.loss.MixtureFit;
import java.util.Optional;

/**
 * What a model makes of a whole image set, from one pass over it: the confusion matrix (with,
 * for GM models, the log-likelihood of each predicted class) and, for GM models, how well the
 * features follow the model's mixture.
 *
 * <p>Thread safety: an evaluation is an immutable result; computing one uses the model from the
 * calling thread.
 *
 * @param fit empty for softmax models
 */
public record Evaluation(ConfusionMatrix confusion, Optional<MixtureFit> fit) {

  /** {@code model} on {@code images}, in batches of {@code batchSize}. */
  public static Evaluation of(LoadedModel model, ImageSet images, int batchSize) {
    return of(model, images, batchSize, Tta.NONE);
  }

  /**
   * {@code model} on {@code images} under test-time augmentation {@code tta}; the mixture fit
   * is of the features it averages.
   */
  public static Evaluation of(LoadedModel model, ImageSet images, int batchSize, Tta tta) {
    ConfusionMatrix matrix = new ConfusionMatrix(model.card().classNames());
    float[][] features = new float[images.size()][];
    int[] next = {0};
    BatchLoader.inOrder(images, batchSize, batch -> {
      LoadedModel.Predictions predictions = tta.predict(model, batch);
      for (int i = 0; i < batch.size(); i++) {
        matrix.add(batch.labels().getInt(i), predictions.classes()[i]);
        features[next[0]++] = predictions.features()[i];
      }
      predictions.logLikelihood().ifPresent(values -> {
        for (float value : values) {
          matrix.addLogLikelihood(value);
        }
      });
    });
    return new Evaluation(matrix, model.means().map(means -> MixtureFit.of(features,
        images.labels(), means, model.variances())));
  }

  /** The feature of every image of {@code images}, one row each, in order. */
  public static float[][] features(LoadedModel model, ImageSet images, int batchSize) {
    float[][] features = new float[images.size()][];
    int[] next = {0};
    BatchLoader.inOrder(images, batchSize, batch -> {
      for (float[] row : model.predict(batch.images()).features()) {
        features[next[0]++] = row;
      }
    });
    return features;
  }
}
