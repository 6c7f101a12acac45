package gmloss.train;

import gmloss.data.Batch;
import gmloss.data.BatchLoader;
import gmloss.data.ImageSet;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Accuracy and mean cross entropy of the inference path over a whole split, and, for heads with
 * class centres, each image's distance to its own class's centre and its feature (empty for the
 * others).
 */
public record SplitEvaluation(double accuracy, double loss, float[] ownDistances,
    float[][] features) {

  /** Evaluates {@code set} through {@code model}'s inference path, {@code batchSize} at a time. */
  public static SplitEvaluation of(Session session, TrainingGraph model, ImageSet set,
      int batchSize) {
    BatchLoader loader = BatchLoader.evaluation(set, batchSize);
    long correct = 0;
    double crossEntropy = 0;
    boolean centres = model.evalOwnDistance.isPresent();
    float[] ownDistances = new float[centres ? set.size() : 0];
    float[][] features = new float[centres ? set.size() : 0][];
    int seen = 0;
    try (BatchLoader.Stream batches = loader.epoch(0)) {
      while (batches.hasNext()) {
        try (Batch batch = batches.next()) {
          Session.Runner runner = session.runner()
              .feed(model.images, batch.images()).feed(model.labels, batch.labels())
              .fetch(model.evalCorrect).fetch(model.evalCrossEntropySum);
          model.evalOwnDistance.ifPresent(runner::fetch);
          if (centres) {
            runner.fetch(model.inference.features());
          }
          try (Result result = runner.run()) {
            correct += ((TInt32) result.get(0)).getInt();
            crossEntropy += ((TFloat32) result.get(1)).getFloat();
            if (centres) {
              ((TFloat32) result.get(2)).asRawTensor().data().asFloats()
                  .read(ownDistances, seen, batch.size());
              float[][] rows = StdArrays.array2dCopyOf((TFloat32) result.get(3));
              System.arraycopy(rows, 0, features, seen, rows.length);
            }
          }
          seen += batch.size();
        }
      }
    }
    return new SplitEvaluation((double) correct / set.size(), crossEntropy / set.size(),
        ownDistances, features);
  }
}
