package gmloss;

import gmloss.model.Parameters;
import gmloss.train.Checkpoint;
import gmloss.train.OptimizerSpec;
import gmloss.train.TrainingGraph;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The weights and batch-norm statistics a checkpoint holds, read back through TensorFlow. */
public final class CheckpointWeights {

  private CheckpointWeights() {}

  /** Every trained variable and moving statistic of {@code checkpoint}, by name. */
  public static Map<String, float[]> read(Checkpoint checkpoint) throws IOException {
    Map<String, float[]> values = new LinkedHashMap<>();
    try (Graph graph = new Graph()) {
      TrainingGraph model = new TrainingGraph(graph, checkpoint.readState().spec(),
          new OptimizerSpec(OptimizerSpec.Kind.MOMENTUM, 0.9f, true, 0f, false, 1f, true), 0);
      Parameters parameters = model.network().parameters();
      try (Session session = new Session(graph)) {
        checkpoint.restore(session);
        for (Parameters.Trainable trainable : parameters.trainables()) {
          values.put(trainable.name(), flat(session, trainable.variable()));
        }
        for (Variable<TFloat32> statistic : parameters.statistics()) {
          values.put(statistic.op().name(), flat(session, statistic));
        }
      }
    }
    return values;
  }

  private static float[] flat(Session session, Variable<TFloat32> variable) {
    try (var result = session.runner().fetch(variable).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      float[] values = new float[(int) tensor.size()];
      tensor.asRawTensor().data().asFloats().read(values);
      return values;
    }
  }

  /**
   * The largest difference between the two sets of weights, each variable's measured against
   * that variable's largest magnitude in {@code a}.
   */
  public static double relativeDifference(Map<String, float[]> a, Map<String, float[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      throw new IllegalArgumentException("different variables: " + a.keySet() + " vs "
          + b.keySet());
    }
    double worst = 0;
    for (Map.Entry<String, float[]> entry : a.entrySet()) {
      float[] x = entry.getValue();
      float[] y = b.get(entry.getKey());
      double scale = 1e-12;
      double difference = 0;
      for (int i = 0; i < x.length; i++) {
        scale = Math.max(scale, Math.abs(x[i]));
        difference = Math.max(difference, Math.abs(x[i] - y[i]));
      }
      worst = Math.max(worst, difference / scale);
    }
    return worst;
  }
}
