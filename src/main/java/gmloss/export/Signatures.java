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
  public static final String GM = "gm";
  public static final String INPUT = "images";
  private static final String PREDICT_METHOD = "tensorflow/serving/predict";

  private Signatures() {}

  public static List<Signature> of(Operand<?> images, Inference inference) {
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
      signatures.add(Signature.builder().key(GM).methodName(PREDICT_METHOD)
          .input(INPUT, images)
          .output("distances", inference.distances().get())
          .output("log_likelihood", inference.logLikelihood().get())
          .build());
    }
    return signatures;
  }
}
