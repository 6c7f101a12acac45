package gmloss.export;

import gmloss.network.Inference;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Signature;

/** The signatures of an exported model; every one maps raw {@code images} to label-free outputs. */
public final class Signatures {

  public static final String SERVING = Signature.DEFAULT_KEY;
  public static final String FEATURES = "features";
  public static final String INPUT = "images";
  private static final String PREDICT_METHOD = "tensorflow/serving/predict";

  private Signatures() {}

  /**
   * The serving and features signatures, and for a head with class centres a third, named after
   * the head ({@code gm}), with the distances to the centres and the predicted class's
   * log-likelihood.
   */
  public static List<Signature> of(Operand<?> images, Inference inference, String head) {
    List<Signature> signatures = new ArrayList<>();
    signatures.add(Signature.builder().key(SERVING).methodName(PREDICT_METHOD)
        .input(INPUT, images)
        .output("logits", inference.logits())
        .output("probabilities", inference.probabilities())
        .output("classes", inference.classes())
        .build());
    signatures.add(Signature.builder().key(FEATURES).methodName(PREDICT_METHOD)
        .input(INPUT, images)
        .output("features", inference.features())
        .build());
    if (inference.distances().isPresent() && inference.logLikelihood().isPresent()) {
      signatures.add(Signature.builder().key(head).methodName(PREDICT_METHOD)
          .input(INPUT, images)
          .output("distances", inference.distances().get())
          .output("log_likelihood", inference.logLikelihood().get())
          .build());
    }
    return signatures;
  }
}
