package gmloss.train;

import gmloss.data.ImageSet;
import gmloss.loss.MixtureFit;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;

/**
 * What a head with class Gaussians has learned by the end of an epoch: its variances
 * (flattened; empty without learned variances), their range, and how well the test features
 * follow the class Gaussians. A head without class centres has none of it.
 *
 * @param variances the learned variances, flattened; empty without them
 * @param range their smallest and largest value; null without them
 * @param fit how well the test features follow the class Gaussians; null without centres
 */
record MixtureState(float[] variances, EpochMetrics.VarianceRange range, EpochMetrics.Fit fit) {

  /** Reads the head's state from {@code session}, and fits it to {@code test}'s features. */
  static MixtureState read(Session session, TrainingGraph model, SplitEvaluation test,
      ImageSet set) {
    float[] variances = variances(session, model);
    return new MixtureState(variances, range(variances),
        fit(session, model, test, set, variances));
  }

  private static EpochMetrics.Fit fit(Session session, TrainingGraph model, SplitEvaluation test,
      ImageSet set, float[] variances) {
    if (model.centres.isEmpty()) {
      return null;
    }
    try (Result result = session.runner().fetch(model.centres.get()).run()) {
      float[][] means = StdArrays.array2dCopyOf((TFloat32) result.get(0));
      MixtureFit fit = MixtureFit.of(test.features(), set.labels(), means,
          variances.length > 0 ? Optional.of(variances) : Optional.empty());
      return new EpochMetrics.Fit(fit.meanRelativeOffset(), fit.ownLikelihoodShare());
    }
  }

  private static float[] variances(Session session, TrainingGraph model) {
    if (model.variances.isEmpty()) {
      return new float[0];
    }
    try (Result result = session.runner().fetch(model.variances.get()).run()) {
      TFloat32 values = (TFloat32) result.get(0);
      float[] flat = new float[(int) values.size()];
      values.asRawTensor().data().asFloats().read(flat);
      return flat;
    }
  }

  private static EpochMetrics.VarianceRange range(float[] values) {
    if (values.length == 0) {
      return null;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new EpochMetrics.VarianceRange(min, max);
  }
}
