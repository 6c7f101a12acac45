package gmloss.inspect;

import gmloss.export.ModelCard;
import gmloss.export.SavedModelExporter;
import gmloss.export.Signatures;
import gmloss.io.SafeFiles;
import gmloss.loss.Variance;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A trained model to question: a SavedModel, or the latest checkpoint of a run directory, which
 * is exported to a temporary SavedModel first so that both are asked the same way, through the
 * exported signatures.
 */
public final class LoadedModel implements AutoCloseable {

  /**
   * What the model says about a batch of raw images.
   *
   * @param distances GM models: 1/2 squared distance of each image to every class mean
   * @param logLikelihood GM models: log-likelihood of the predicted class
   */
  public record Predictions(long[] classes, float[][] probabilities,
      Optional<float[][]> distances, Optional<float[]> logLikelihood) {}

  private final Path directory;
  private final ModelCard card;
  private final SavedModelBundle bundle;
  private final Path temporary;

  private LoadedModel(Path directory, ModelCard card, SavedModelBundle bundle, Path temporary) {
    this.directory = directory;
    this.card = card;
    this.bundle = bundle;
    this.temporary = temporary;
  }

  /**
   * @param directory a SavedModel written by gmloss, or a run directory
   * @throws IOException naming {@code directory} when it is neither
   */
  public static LoadedModel open(Path directory) throws IOException {
    Path temporary = null;
    Path model = directory;
    if (Files.isDirectory(directory.resolve(CheckpointStore.DIRECTORY))) {
      Checkpoint checkpoint = new CheckpointStore(directory, 1).latest().orElseThrow(
          () -> new IOException(directory + ": the run has no checkpoint yet"));
      temporary = Files.createTempDirectory("gmloss-model-");
      model = temporary.resolve("model");
      SavedModelExporter.export(checkpoint, model, false);
    } else if (!Files.isRegularFile(directory.resolve("saved_model.pb"))
        || !Files.isRegularFile(directory.resolve(ModelCard.FILE_NAME))) {
      throw new IOException(directory + ": neither a SavedModel with its "
          + ModelCard.FILE_NAME + " nor a run directory");
    }
    return new LoadedModel(directory, ModelCard.read(model),
        SavedModelBundle.load(model.toString(), "serve"), temporary);
  }

  public Path directory() {
    return directory;
  }

  public ModelCard card() {
    return card;
  }

  /** Height, width and channels of the images the model takes. */
  public List<Integer> imageShape() {
    return card.input().shape().subList(1, 4);
  }

  public boolean isGm() {
    return card.signatures().contains(Signatures.GM);
  }

  public Predictions predict(TFloat32 images) {
    Map<String, Tensor> input = Map.of(Signatures.INPUT, images);
    try (Result serving = bundle.function(Signatures.SERVING).call(input)) {
      long[] classes = StdArrays.array1dCopyOf((TInt64) serving.get("classes").orElseThrow());
      float[][] probabilities = StdArrays.array2dCopyOf(
          (TFloat32) serving.get("probabilities").orElseThrow());
      if (!isGm()) {
        return new Predictions(classes, probabilities, Optional.empty(), Optional.empty());
      }
      try (Result gm = bundle.function(Signatures.GM).call(input)) {
        return new Predictions(classes, probabilities,
            Optional.of(StdArrays.array2dCopyOf((TFloat32) gm.get("distances").orElseThrow())),
            Optional.of(StdArrays.array1dCopyOf(
                (TFloat32) gm.get("log_likelihood").orElseThrow())));
      }
    }
  }

  /** The features the GM layer (or the softmax classifier) sees, one row per image. */
  public float[][] features(TFloat32 images) {
    try (Result result = bundle.function(Signatures.FEATURES)
        .call(Map.of(Signatures.INPUT, images))) {
      return StdArrays.array2dCopyOf((TFloat32) result.get("features").orElseThrow());
    }
  }

  /** GM models: the class means, one row per class. */
  public Optional<float[][]> means() {
    if (!isGm()) {
      return Optional.empty();
    }
    float[] flat = values("gm_means");
    int classes = card.classNames().size();
    float[][] means = new float[classes][flat.length / classes];
    for (int k = 0; k < classes; k++) {
      System.arraycopy(flat, k * means[k].length, means[k], 0, means[k].length);
    }
    return Optional.of(means);
  }

  /**
   * The learned positive variances, [C] or [C, D] flattened row by row; empty without them. They
   * are made positive as {@code GaussianMixtureLayer} does: relu(v) + 1e-4, or exp(v).
   */
  public Optional<float[]> variances() {
    for (String name : List.of("gm_variances", "gm_log_variances")) {
      if (bundle.graph().operation(name) != null) {
        float[] raw = values(name);
        for (int i = 0; i < raw.length; i++) {
          raw[i] = name.equals("gm_variances")
              ? Math.max(raw[i], 0f) + Variance.CLAMP_OFFSET : (float) Math.exp(raw[i]);
        }
        return Optional.of(raw);
      }
    }
    return Optional.empty();
  }

  /** The value of a variable of the model's graph, flattened. */
  private float[] values(String variable) {
    try (Result result = bundle.session().runner().fetch(variable).run()) {
      TFloat32 value = (TFloat32) result.get(0);
      float[] values = new float[(int) value.size()];
      value.asRawTensor().data().asFloats().read(values);
      return values;
    }
  }

  @Override
  public void close() throws IOException {
    bundle.close();
    if (temporary != null) {
      SafeFiles.deleteRecursively(temporary);
    }
  }
}
