package gmloss.inspect;

import gmloss.data.BatchLoader;
import gmloss.data.ImageSet;
import gmloss.loss.MixtureFit;
import java.util.Optional;

/** What a model makes of a whole image set: its confusion matrix, or its features. */
public final class Evaluation {

  private Evaluation() {}

  /**
   * Accuracy, confusion and (GM) the log-likelihood of the predicted class of {@code model} on
   * {@code images}, in batches of {@code batchSize}.
   */
  public static ConfusionMatrix confusion(LoadedModel model, ImageSet images, int batchSize) {
    ConfusionMatrix matrix = new ConfusionMatrix(model.card().classNames());
    BatchLoader.inOrder(images, batchSize, batch -> {
      LoadedModel.Predictions predictions = model.predict(batch.images());
      for (int i = 0; i < batch.size(); i++) {
        matrix.add(batch.labels().getInt(i), predictions.classes()[i]);
      }
      predictions.logLikelihood().ifPresent(values -> {
        for (float value : values) {
          matrix.addLogLikelihood(value);
        }
      });
    });
    return matrix;
  }

  /**
   * GM models: how well the features of {@code images} follow the model's mixture; empty for
   * softmax models.
   */
  public static Optional<MixtureFit> mixtureFit(LoadedModel model, ImageSet images,
      int batchSize) {
    if (model.means().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(MixtureFit.of(features(model, images, batchSize), images.labels(),
        model.means().get(), model.variances()));
  }

  /** The feature of every image of {@code images}, one row each, in order. */
  public static float[][] features(LoadedModel model, ImageSet images, int batchSize) {
    float[][] features = new float[images.size()][];
    int[] next = {0};
    BatchLoader.inOrder(images, batchSize, batch -> {
      for (float[] row : model.features(batch.images())) {
        features[next[0]++] = row;
      }
    });
    return features;
  }
}
