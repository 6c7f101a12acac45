package gmloss.inspect;

import gmloss.data.ImageFile;
import gmloss.export.ModelCard;
import gmloss.export.SavedModelExporter;
import gmloss.export.Signatures;
import gmloss.io.SafeFiles;
import gmloss.loss.CrossEntropy;
import gmloss.loss.HeadType;
import gmloss.loss.HeadTypes;
import gmloss.loss.Variance;
import gmloss.options.OptionException;
import gmloss.runtime.NativeSetup;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import gmloss.train.Device;
import gmloss.train.Precision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A trained model to question: a SavedModel, or the latest checkpoint of a run directory, which
 * is exported to a temporary SavedModel first so that both are asked the same way, through the
 * exported signatures.
 *
 * <p>Thread safety: {@code predict} and {@code lossGradient} may be called from several threads
 * at once (TensorFlow sessions run concurrently); {@code close} must come after every call has
 * returned.
 */
public final class LoadedModel implements AutoCloseable {

  /**
   * What the model says about a batch of raw images.
   *
   * @param logits the label-free logits the classes are the arg max of
   * @param features the feature the head (GM layer, softmax classifier) sees, one row per image
   * @param distances models with class centres (GM, center loss): 1/2 squared distance of each
   *     image to every class centre
   * @param logLikelihood models with class centres: log-likelihood of the predicted class
   */
  public record Predictions(long[] classes, float[][] logits, float[][] probabilities,
      float[][] features, Optional<float[][]> distances, Optional<float[]> logLikelihood) {

    /**
     * These predictions and {@code other}'s, of the same images seen another way, averaged:
     * logits, features, distances and log-likelihoods are means (a log-likelihood is each view's
     * own, of the class that view predicts); classes and probabilities come from the mean
     * logits.
     */
    public Predictions meanWith(Predictions other) {
      float[][] logits = mean(this.logits, other.logits);
      long[] classes = new long[logits.length];
      float[][] probabilities = new float[logits.length][];
      for (int i = 0; i < logits.length; i++) {
        classes[i] = Logits.argMax(logits[i]);
        probabilities[i] = Logits.softmax(logits[i]);
      }
      return new Predictions(classes, logits, probabilities, mean(features, other.features),
          distances.map(d -> mean(d, other.distances.orElseThrow())),
          logLikelihood.map(l -> mean(new float[][] {l},
              new float[][] {other.logLikelihood.orElseThrow()})[0]));
    }

    private static float[][] mean(float[][] a, float[][] b) {
      float[][] mean = new float[a.length][];
      for (int i = 0; i < a.length; i++) {
        mean[i] = new float[a[i].length];
        for (int j = 0; j < a[i].length; j++) {
          mean[i][j] = (a[i][j] + b[i][j]) / 2;
        }
      }
      return mean;
    }
  }

  private final Path directory;
  private final ModelCard card;
  private final SavedModelBundle bundle;
  private final Path temporary;
  /** Built in the model's graph on first use. */
  private LossGradient lossGradient;

  /** Ops added to the loaded graph: labels in, gradient of the loss w.r.t. the images out. */
  private record LossGradient(Output<TFloat32> images, Placeholder<TInt32> labels,
      Output<?> gradient) {}

  private LoadedModel(Path directory, ModelCard card, SavedModelBundle bundle, Path temporary) {
    this.directory = directory;
    this.card = card;
    this.bundle = bundle;
    this.temporary = temporary;
  }

  /**
   * As {@link #open(Path, Precision)} in float32.
   *
   * @param directory a SavedModel written by gmloss, or a run directory
   * @throws IOException naming {@code directory} when it is neither
   */
  public static LoadedModel open(Path directory) throws IOException {
    return open(directory, Precision.FP32);
  }

  /**
   * @param directory a SavedModel written by gmloss, or a run directory
   * @param precision the arithmetic the model computes in; its weights stay float32
   * @throws IOException naming {@code directory} when it is neither
   */
  public static LoadedModel open(Path directory, Precision precision) throws IOException {
    NativeSetup.enableOneDnn(System.err);
    Path temporary = null;
    Path model = directory;
    if (Files.isDirectory(directory.resolve(CheckpointStore.DIRECTORY))) {
      temporary = Files.createTempDirectory("gmloss-model-");
      model = temporary.resolve("model");
      Path target = model;
      try {
        CheckpointStore.readNewest(directory, checkpoint -> {
          SavedModelExporter.export(checkpoint, target, true);
          return checkpoint;
        }).orElseThrow(() -> new IOException(directory + ": the run has no checkpoint yet"));
      } catch (IOException e) {
        SafeFiles.deleteRecursively(temporary);
        throw e;
      }
    } else if (!Files.isRegularFile(directory.resolve("saved_model.pb"))
        || !Files.isRegularFile(directory.resolve(ModelCard.FILE_NAME))) {
      throw new IOException(directory + ": neither a SavedModel with its "
          + ModelCard.FILE_NAME + " nor a run directory");
    }
    ModelCard card = ModelCard.read(model);
    try {
      return new LoadedModel(directory, card, SavedModelBundle.loader(model.toString())
          .withTags("serve").withConfigProto(Device.AUTO.sessionConfig(0, precision)).load(),
          temporary);
    } catch (TensorFlowException e) {
      throw new IOException(directory + ": cannot load the SavedModel: " + String.valueOf(
          e.getMessage()).strip().lines().findFirst().orElse(""), e);
    }
  }

  public Path directory() {
    return directory;
  }

  /** The SavedModel directory the model was loaded from: a run's temporary export, or itself. */
  public Path savedModel() {
    return temporary != null ? temporary.resolve("model") : directory;
  }

  public ModelCard card() {
    return card;
  }

  /** Height, width and channels of the images the model takes. */
  public List<Integer> imageShape() {
    return card.input().shape().subList(1, 4);
  }

  /** Whether the model's head has class centres (GM, center loss), and exports them. */
  public boolean hasCentres() {
    return centreSignature().isPresent();
  }

  /** The signature of the distances to the class centres, named after the head. */
  private Optional<String> centreSignature() {
    return Optional.ofNullable(card.loss()).filter(card.signatures()::contains);
  }

  /**
   * What the model says about {@code images}: every output of the serving, features and class
   * centres' signatures.
   */
  public Predictions predict(TFloat32 images) {
    // One run for all signatures: they share the network, which runs once.
    Session.Runner runner = bundle.session().runner()
        .feed(tensorName(Signatures.SERVING, Signatures.INPUT, true), images)
        .fetch(tensorName(Signatures.SERVING, "classes", false))
        .fetch(tensorName(Signatures.SERVING, "logits", false))
        .fetch(tensorName(Signatures.SERVING, "probabilities", false))
        .fetch(tensorName(Signatures.FEATURES, "features", false));
    Optional<String> centres = centreSignature();
    centres.ifPresent(signature -> runner.fetch(tensorName(signature, "distances", false))
        .fetch(tensorName(signature, "log_likelihood", false)));
    try (Result result = runner.run()) {
      return new Predictions(StdArrays.array1dCopyOf((TInt64) result.get(0)),
          StdArrays.array2dCopyOf((TFloat32) result.get(1)),
          StdArrays.array2dCopyOf((TFloat32) result.get(2)),
          StdArrays.array2dCopyOf((TFloat32) result.get(3)),
          centres.map(c -> StdArrays.array2dCopyOf((TFloat32) result.get(4))),
          centres.map(c -> StdArrays.array1dCopyOf((TFloat32) result.get(5))));
    }
  }

  /** The graph tensor behind an input or output of a signature, such as "images:0". */
  private String tensorName(String signature, String name, boolean input) {
    Signature described = bundle.function(signature).signature();
    return (input ? described.getInputs() : described.getOutputs()).get(name).name;
  }

  /** Models with class centres: the GM means or the center loss's centres, a row per class. */
  public Optional<float[][]> means() {
    Optional<String> variable = centreSignature().flatMap(HeadTypes::named)
        .flatMap(HeadType::centresVariable);
    if (variable.isEmpty()) {
      return Optional.empty();
    }
    float[] flat = values(variable.get());
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

  /**
   * The gradient of the summed cross entropy of the label-free logits (softmax of the logits
   * against {@code labels}) with respect to the raw pixels: what a gradient attack follows. The
   * same definition serves GM and softmax models.
   *
   * @param pixels images, NHWC, raw values, {@code labels.length} of the model's image shape
   * @param labels one class per image, each in [0, classes)
   * @return the gradient, in the layout of {@code pixels}
   */
  public float[] lossGradient(float[] pixels, int[] labels) {
    int classes = card.classNames().size();
    for (int label : labels) {
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException("label " + label + " outside [0, " + classes + ")");
      }
    }
    LossGradient lossGradient = lossGradient(classes);
    try (TFloat32 images = images(pixels, labels.length);
        TInt32 classLabels = TInt32.vectorOf(labels);
        Result result = bundle.session().runner().feed(lossGradient.images(), images)
            .feed(lossGradient.labels(), classLabels).fetch(lossGradient.gradient()).run()) {
      float[] gradient = new float[pixels.length];
      ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(gradient);
      return gradient;
    }
  }

  /**
   * Why an image file cannot be shown to the model: its size, given as width x height as image
   * viewers give it; empty when it fits (its channels are converted).
   */
  public Optional<String> sizeMismatch(ImageFile image) {
    int height = imageShape().get(0);
    int width = imageShape().get(1);
    if (image.height() == height && image.width() == width) {
      return Optional.empty();
    }
    return Optional.of(image.path() + ": is " + image.width() + "x" + image.height()
        + " (width x height), the model takes " + width + "x" + height + " images");
  }

  /** Predictions for one decoded image file of the model's size, in the model's channels. */
  public Predictions predict(ImageFile image) {
    return predict(pixels(image), 1);
  }

  /** The raw NHWC values of a decoded image file, converted to the model's channels. */
  public float[] pixels(ImageFile image) {
    ImageFile converted = image.withChannels(imageShape().get(2));
    float[] pixels = new float[converted.pixels().length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = converted.pixels()[i] & 0xff;
    }
    return pixels;
  }

  /** Predictions for images given as raw NHWC values, {@code count} of the model's shape. */
  public Predictions predict(float[] pixels, int count) {
    try (TFloat32 images = images(pixels, count)) {
      return predict(images);
    }
  }

  /** A tensor of {@code count} images of the model's shape; refuses any other number of values. */
  private TFloat32 images(float[] pixels, int count) {
    List<Integer> shape = imageShape();
    if (pixels.length != (long) count * shape.get(0) * shape.get(1) * shape.get(2)) {
      throw new IllegalArgumentException(pixels.length + " pixel values for " + count
          + " images of " + shape);
    }
    return TFloat32.tensorOf(Shape.of(count, shape.get(0), shape.get(1), shape.get(2)),
        DataBuffers.of(pixels, true, false));
  }

  /** The gradient's ops, added to the graph by the first caller only. */
  private synchronized LossGradient lossGradient(int classes) {
    if (lossGradient == null) {
      lossGradient = buildLossGradient(classes);
    }
    return lossGradient;
  }

  @SuppressWarnings("unchecked")
  private LossGradient buildLossGradient(int classes) {
    Graph graph = bundle.graph();
    Output<TFloat32> images = (Output<TFloat32>) graph.outputOrThrow(
        tensorName(Signatures.SERVING, Signatures.INPUT, true));
    Output<TFloat32> logits = (Output<TFloat32>) graph.outputOrThrow(
        tensorName(Signatures.SERVING, "logits", false));
    Ops tf = Ops.create(graph).withSubScope("loss_gradient");
    Placeholder<TInt32> labels = tf.placeholder(TInt32.class,
        Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> loss = CrossEntropy.sum(tf, logits,
        CrossEntropy.oneHot(tf, labels, classes));
    Output<?> gradient = graph.addGradients(loss.asOutput(), new Output<?>[] {images})[0];
    return new LossGradient(images, labels, gradient);
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

  /**
   * Closes the model's session and deletes the temporary export of a run directory.
   *
   * @throws UncheckedIOException if that export cannot be deleted
   */
  @Override
  public void close() {
    bundle.close();
    if (temporary != null) {
      try {
        SafeFiles.deleteRecursively(temporary);
      } catch (IOException e) {
        throw new UncheckedIOException(temporary + ": cannot delete the temporary export: "
            + SafeFiles.reason(e), e);
      }
    }
  }
}
