package gmloss.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.NpyFiles;
import gmloss.TfTesting;
import gmloss.cli.Main;
import gmloss.data.Batch;
import gmloss.data.BatchLoader;
import gmloss.data.Dataset;
import gmloss.data.DatasetKind;
import gmloss.data.ImageConversion;
import gmloss.data.ImageSet;
import gmloss.detect.GaussianFit;
import gmloss.inspect.Evaluation;
import gmloss.inspect.LoadedModel;
import gmloss.io.Json;
import gmloss.loss.GaussianMixtureLayer;
import gmloss.loss.LargeMarginGmLoss;
import gmloss.loss.Likelihood;
import gmloss.loss.LossTerms;
import gmloss.loss.MeansInit;
import gmloss.loss.Variance;
import gmloss.model.Parameters;
import gmloss.network.Inference;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import gmloss.train.OptimizerSpec;
import gmloss.train.TrainingGraph;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Writes what the Python parity suite (tools/tests) compares against, under target/parity:
 * GM loss values and gradients on shared random vectors, and Java's outputs of the committed
 * SavedModels and of a freshly trained and exported one on real test images. Each writer checks
 * what it writes: the loss is the sum of its terms, a committed model classifies as its card
 * says, and a fresh export computes bit for bit what the training graph computes.
 */
@Tag("slow")
class ParityFixturesTest {

  static final Path PARITY = Path.of("target", "parity");
  static final Path COMMITTED = Path.of("savedmodels");
  private static final int IMAGES = 200;
  private static final Path FASHION =
      DatasetKind.FASHION_MNIST.defaultDirectory().orElseThrow();

  @TempDir
  Path work;

  record GmCase(String name, Variance variance, Likelihood likelihood) {

    GmCase(String name, Variance variance) {
      this(name, variance, Likelihood.CAFFE);
    }
  }

  @Test
  void writesGmLossVectors() throws IOException {
    List<GmCase> cases = List.of(
        new GmCase("identity", Variance.NONE),
        new GmCase("isotropic-linear", new Variance(Variance.Structure.ISOTROPIC,
            Variance.Parameterisation.LINEAR, 1f)),
        new GmCase("diagonal-linear", new Variance(Variance.Structure.DIAGONAL,
            Variance.Parameterisation.LINEAR, 1f)),
        new GmCase("isotropic-log", new Variance(Variance.Structure.ISOTROPIC,
            Variance.Parameterisation.LOG, 1f)),
        new GmCase("diagonal-log", new Variance(Variance.Structure.DIAGONAL,
            Variance.Parameterisation.LOG, 1f)),
        new GmCase("paper-isotropic-linear", new Variance(Variance.Structure.ISOTROPIC,
            Variance.Parameterisation.LINEAR, 1f), Likelihood.PAPER),
        new GmCase("paper-diagonal-linear", new Variance(Variance.Structure.DIAGONAL,
            Variance.Parameterisation.LINEAR, 1f), Likelihood.PAPER),
        new GmCase("paper-isotropic-log", new Variance(Variance.Structure.ISOTROPIC,
            Variance.Parameterisation.LOG, 1f), Likelihood.PAPER),
        new GmCase("paper-diagonal-log", new Variance(Variance.Structure.DIAGONAL,
            Variance.Parameterisation.LOG, 1f), Likelihood.PAPER));
    int n = 16;
    int d = 8;
    int c = 5;
    float alpha = 0.3f;
    float lambda = 0.2f;
    Random random = new Random(2018);
    for (GmCase gmCase : cases) {
      Path out = PARITY.resolve("gm_vectors").resolve(gmCase.name());
      float[][] x = TfTesting.randomMatrix(random, n, d, 1.0);
      float[][] mu = TfTesting.randomMatrix(random, c, d, 0.7);
      int[] labels = random.ints(n, 0, c).toArray();
      try (Graph graph = new Graph()) {
        Ops tf = Ops.create(graph);
        Parameters parameters = new Parameters(tf, 1);
        GaussianMixtureLayer layer = new GaussianMixtureLayer(parameters, c, d,
            MeansInit.NORMAL, gmCase.variance());
        Placeholder<TFloat32> features = tf.placeholder(TFloat32.class,
            Placeholder.shape(Shape.of(n, d)));
        LossTerms terms = new LargeMarginGmLoss(tf, layer, c, gmCase.likelihood()).loss(features,
            tf.constant(labels), LargeMarginGmLoss.weights(tf.constant(alpha), tf.constant(lambda)));
        List<Variable<TFloat32>> variables = parameters.trainables().stream()
            .map(Parameters.Trainable::variable).toList();
        List<Output<?>> sources = new ArrayList<>(List.of(features.asOutput()));
        variables.forEach(v -> sources.add(v.asOutput()));
        Output<?>[] gradients = graph.addGradients(terms.total().asOutput(),
            sources.toArray(Output<?>[]::new));
        try (Session session = new Session(graph)) {
          session.initialize();
          TfTesting.assign(session, tf, variables.get(0), tf.constant(mu));
          Operand<TFloat32> rawVariances = null;
          float[][] rawValues = null;
          if (gmCase.variance().learned()) {
            rawValues = randomVariances(random, gmCase.variance(), c, d);
            rawVariances = gmCase.variance().shape() == Variance.Structure.ISOTROPIC
                ? tf.reshape(tf.constant(rawValues), tf.constant(new int[] {c}))
                : tf.constant(rawValues);
            TfTesting.assign(session, tf, variables.get(1), rawVariances);
          }
          double[] expected = referenceTerms(x, mu, labels, rawValues, gmCase, alpha);
          try (TFloat32 feed = TFloat32.tensorOf(StdArrays.ndCopyOf(x))) {
            Session.Runner runner = session.runner().feed(features, feed)
                .fetch(terms.total()).fetch(terms.classification()).fetch(terms.likelihood())
                .fetch(variables.get(0));
            for (Output<?> gradient : gradients) {
              runner.fetch(gradient);
            }
            if (rawVariances != null) {
              runner.fetch(variables.get(1));
            }
            try (Result result = runner.run()) {
              float total = ((TFloat32) result.get(0)).getFloat();
              float classification = ((TFloat32) result.get(1)).getFloat();
              float likelihood = ((TFloat32) result.get(2)).getFloat();
              assertEquals(expected[0], classification, 1e-5 * Math.max(1, expected[0]),
                  gmCase.name() + ": L_cls");
              assertEquals(expected[1], likelihood, 1e-5 * Math.max(1, expected[1]),
                  gmCase.name() + ": L_lkd");
              assertEquals(expected[0] + lambda * expected[1], total,
                  1e-5 * Math.max(1, Math.abs(total)), gmCase.name() + ": L");
              NpyFiles.write(out.resolve("x.npy"), feed);
              NpyFiles.write(out.resolve("labels.npy"),
                  org.tensorflow.types.TInt32.vectorOf(labels));
              NpyFiles.write(out.resolve("loss.npy"), result.get(0));
              NpyFiles.write(out.resolve("classification.npy"), result.get(1));
              NpyFiles.write(out.resolve("likelihood.npy"), result.get(2));
              NpyFiles.write(out.resolve("means.npy"), result.get(3));
              NpyFiles.write(out.resolve("grad_x.npy"), result.get(4));
              NpyFiles.write(out.resolve("grad_means.npy"), result.get(5));
              if (rawVariances != null) {
                NpyFiles.write(out.resolve("grad_variances.npy"), result.get(6));
                NpyFiles.write(out.resolve("variances.npy"), result.get(7));
              }
            }
          }
        }
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("alpha", alpha);
      params.put("lambda", lambda);
      params.put("shape", gmCase.variance().shape().name().toLowerCase());
      params.put("parameterisation",
          gmCase.variance().parameterisation().name().toLowerCase());
      params.put("likelihood", gmCase.likelihood().name().toLowerCase());
      Files.writeString(out.resolve("params.json"), Json.GSON.toJson(params));
    }
  }

  /**
   * L_cls and L_lkd from their definitions, in double, one image at a time: d_ik = 1/2 sum_j
   * (x_ij - mu_kj)^2 / s_kj with s = relu(raw) + 1e-4 or exp(raw) (1 without variances), logits
   * -(1 + alpha [k = y_i]) d_ik (paper: - 1/2 log|Sigma_k|), and the likelihood term 1/2 ||x_i -
   * mu_y||^2 (Caffe) or d_iy + 1/2 log|Sigma_y| (paper).
   */
  private static double[] referenceTerms(float[][] x, float[][] mu, int[] labels,
      float[][] rawVariances, GmCase gmCase, float alpha) {
    boolean paper = gmCase.likelihood() == Likelihood.PAPER;
    double classification = 0;
    double likelihood = 0;
    for (int i = 0; i < x.length; i++) {
      double[] logits = new double[mu.length];
      double[] distances = new double[mu.length];
      double[] logDeterminants = new double[mu.length];
      for (int k = 0; k < mu.length; k++) {
        for (int j = 0; j < x[i].length; j++) {
          double s = 1;
          if (rawVariances != null) {
            double raw = rawVariances[k][rawVariances[k].length == 1 ? 0 : j];
            s = gmCase.variance().parameterisation() == Variance.Parameterisation.LOG
                ? Math.exp(raw) : Math.max(raw, 0) + Variance.CLAMP_OFFSET;
          }
          double difference = x[i][j] - mu[k][j];
          distances[k] += 0.5 * difference * difference / s;
          logDeterminants[k] += Math.log(s);
        }
        logits[k] = -(1 + (k == labels[i] ? alpha : 0)) * distances[k]
            - (paper ? 0.5 * logDeterminants[k] : 0);
      }
      double max = Arrays.stream(logits).max().orElseThrow();
      double sum = Arrays.stream(logits).map(z -> Math.exp(z - max)).sum();
      classification += max + Math.log(sum) - logits[labels[i]];
      int y = labels[i];
      double squared = 0;
      for (int j = 0; j < x[i].length; j++) {
        squared += 0.5 * (x[i][j] - mu[y][j]) * (x[i][j] - mu[y][j]);
      }
      likelihood += paper ? distances[y] + 0.5 * logDeterminants[y] : squared;
    }
    return new double[] {classification / x.length, likelihood / x.length};
  }

  private static float[][] randomVariances(Random random, Variance variance, int c, int d) {
    int columns = variance.shape() == Variance.Structure.DIAGONAL ? d : 1;
    float[][] values = new float[c][columns];
    for (float[] row : values) {
      for (int j = 0; j < columns; j++) {
        row[j] = variance.parameterisation() == Variance.Parameterisation.LOG
            ? (float) (random.nextGaussian() * 0.3) : 0.5f + 1.5f * random.nextFloat();
      }
    }
    return values;
  }

  /**
   * Java's outputs of every committed SavedModel, computed by loading it in Java, on the first
   * Fashion-MNIST test images. A model of another dataset (CIFAR-10, whose files the tests do
   * not have) sees them converted to its shape: parity needs real images, not its own classes,
   * so only a Fashion-MNIST model's accuracy is checked against its card.
   */
  @Test
  void writesOutputsOfCommittedModels() throws IOException {
    List<Path> models;
    try (Stream<Path> list = Files.list(COMMITTED)) {
      models = list.filter(p -> Files.exists(p.resolve("saved_model.pb"))).sorted().toList();
    }
    assertTrue(!models.isEmpty(), "no SavedModel under " + COMMITTED.toAbsolutePath());
    for (Path model : models) {
      ModelCard card = ModelCard.read(model);
      boolean fashion = card.dataset().equals(DatasetKind.FASHION_MNIST.cliName());
      ImageSet fashionImages = DatasetKind.FASHION_MNIST.load(FASHION, false).test()
          .first(IMAGES);
      List<Integer> shape = card.input().shape();
      ImageSet images = fashion ? fashionImages
          : ImageConversion.fit(fashionImages, shape.get(1), shape.get(2), shape.get(3));
      Path out = PARITY.resolve("models").resolve("committed-" + model.getFileName());
      try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve");
          BatchLoader.Stream batches = BatchLoader.evaluation(images, IMAGES).epoch(0);
          Batch batch = batches.next()) {
        NpyFiles.write(out.resolve("images.npy"), batch.images());
        for (Signature signature : bundle.signatures()) {
          try (Result result = bundle.function(signature.key())
              .call(Map.of(Signatures.INPUT, (Tensor) batch.images()))) {
            for (String name : signature.outputNames()) {
              NpyFiles.write(out.resolve(name + ".npy"), result.get(name).orElseThrow());
            }
            if (signature.key().equals("serving_default")) {
              assertClassifies(result, batch, model.toString());
              if (fashion) {
                assertAccuracy(result, batch, card.testAccuracy(), model.toString());
              }
            }
          }
        }
      }
      Files.writeString(out.resolve("model_dir.txt"), model.toAbsolutePath().toString());
    }
  }

  /** The classes are the arg max of the logits, and the probabilities sum to 1. */
  private static void assertClassifies(Result result, Batch batch, String model) {
    float[][] logits = StdArrays.array2dCopyOf((TFloat32) result.get("logits").orElseThrow());
    float[][] probabilities = StdArrays.array2dCopyOf(
        (TFloat32) result.get("probabilities").orElseThrow());
    long[] classes = StdArrays.array1dCopyOf((TInt64) result.get("classes").orElseThrow());
    assertEquals(batch.size(), classes.length, model);
    for (int i = 0; i < classes.length; i++) {
      int best = 0;
      double sum = 0;
      for (int k = 0; k < logits[i].length; k++) {
        best = logits[i][k] > logits[i][best] ? k : best;
        sum += probabilities[i][k];
      }
      assertEquals(best, classes[i], model + ": class of image " + i);
      assertEquals(1.0, sum, 1e-5, model + ": probabilities of image " + i);
    }
  }

  /** The accuracy on these images is the card's within the noise of a 200-image sample. */
  private static void assertAccuracy(Result result, Batch batch, double cardAccuracy,
      String model) {
    long[] classes = StdArrays.array1dCopyOf((TInt64) result.get("classes").orElseThrow());
    int correct = 0;
    for (int i = 0; i < classes.length; i++) {
      correct += classes[i] == batch.labels().getInt(i) ? 1 : 0;
    }
    // Three standard deviations of a 200-image sample at about 92% accuracy: 0.06.
    assertEquals(cardAccuracy, (double) correct / classes.length, 0.06, model + ": accuracy");
  }

  /**
   * The Gaussians fitted after training to the committed Fashion-MNIST model's features of 2,000
   * training images, with those features and the squared Mahalanobis distances of the first 20,
   * for numpy to fit and measure again (tools/tests/test_gaussian_fit.py).
   */
  @Test
  void writesAGaussianFitOfTheCommittedModelsFeatures() throws IOException {
    ImageSet train = DatasetKind.FASHION_MNIST.load(FASHION, false).train().first(2000);
    Path out = PARITY.resolve("gaussian-fit");
    try (LoadedModel model = LoadedModel.open(COMMITTED.resolve("fashion-mnist-gm-resnet20"))) {
      float[][] features = Evaluation.features(model, train, 500);
      GaussianFit fit = GaussianFit.of(features, train.labels(), 10);
      assertEquals(2000, fit.images());
      double[][] distances = new double[20][];
      for (int i = 0; i < distances.length; i++) {
        distances[i] = fit.squaredDistances(features[i], fit.means());
      }
      try (TFloat32 featureTensor = TFloat32.tensorOf(StdArrays.ndCopyOf(features));
          TInt32 labelTensor = TInt32.vectorOf(train.labels());
          TFloat64 means = TFloat64.tensorOf(StdArrays.ndCopyOf(fit.means()));
          TFloat64 covariance = TFloat64.tensorOf(StdArrays.ndCopyOf(fit.covariance()));
          TFloat64 distanceTensor = TFloat64.tensorOf(StdArrays.ndCopyOf(distances))) {
        NpyFiles.write(out.resolve("features.npy"), featureTensor);
        NpyFiles.write(out.resolve("labels.npy"), labelTensor);
        NpyFiles.write(out.resolve("means.npy"), means);
        NpyFiles.write(out.resolve("covariance.npy"), covariance);
        NpyFiles.write(out.resolve("distances.npy"), distanceTensor);
      }
    }
  }

  /**
   * Trains a small GM model for two epochs (with or without learned variances, in float32 or
   * bfloat16), exports it with the export command, and writes the outputs of the training
   * graph's own float32 inference path, restored from the checkpoint.
   */
  @ParameterizedTest
  @ValueSource(strings = {"none caffe fp32", "isotropic caffe fp32", "isotropic paper fp32",
      "none caffe bf16"})
  void writesOutputsOfAFreshlyExportedModel(String variant) throws IOException {
    String variance = variant.split(" ")[0];
    String likelihood = variant.split(" ")[1];
    String precision = variant.split(" ")[2];
    String name = "fresh" + (variance.equals("none") ? ""
        : "-" + variance + (likelihood.equals("caffe") ? "" : "-" + likelihood))
        + (precision.equals("fp32") ? "" : "-" + precision);
    Path run = work.resolve("run");
    Path model = PARITY.resolve(name + "-model");
    assertEquals(0, Main.run(new String[] {"train", "--train-limit", "512", "--test-limit",
        "256", "--epochs", "2", "--batch-size", "64", "--run-dir", run.toString(),
        "--export-dir", work.resolve("unused").toString(), "--seed", "5", "--variance",
        variance, "--variance-lr-mult", "1", "--gm-likelihood", likelihood, "--precision",
        precision}, quiet(), quiet()));
    assertEquals(0, Main.run(new String[] {"export", "--checkpoint", run.toString(),
        "--export-dir", model.toString(), "--overwrite"}, quiet(), quiet()));
    // The model is float32 whatever trained it; its card says what did.
    assertEquals(precision, ModelCard.read(model).precision());

    Checkpoint checkpoint = new CheckpointStore(run, 1).latest().orElseThrow();
    Dataset data = DatasetKind.FASHION_MNIST.load(FASHION, false).limited(1, IMAGES);
    Path out = PARITY.resolve("models").resolve(name);
    try (Graph graph = new Graph()) {
      TrainingGraph training = new TrainingGraph(graph, checkpoint.readState().spec(),
          new OptimizerSpec(OptimizerSpec.Kind.MOMENTUM, 0.9f, true, 5e-4f, false, 1f, true), 0);
      Inference inference = training.inference;
      Map<String, Operand<?>> outputs = new LinkedHashMap<>();
      outputs.put("logits", inference.logits());
      outputs.put("probabilities", inference.probabilities());
      outputs.put("classes", inference.classes());
      outputs.put("features", inference.features());
      outputs.put("distances", inference.distances().orElseThrow());
      outputs.put("log_likelihood", inference.logLikelihood().orElseThrow());
      try (Session session = new Session(graph);
          BatchLoader.Stream batches = BatchLoader.evaluation(data.test(), IMAGES).epoch(0);
          Batch batch = batches.next()) {
        checkpoint.restore(session);
        Session.Runner runner = session.runner().feed(training.images, batch.images());
        outputs.values().forEach(runner::fetch);
        try (Result result = runner.run();
            SavedModelBundle exported = SavedModelBundle.load(model.toString(), "serve")) {
          NpyFiles.write(out.resolve("images.npy"), batch.images());
          int i = 0;
          for (String output : outputs.keySet()) {
            NpyFiles.write(out.resolve(output + ".npy"), result.get(i++));
          }
          assertExportComputesTheSame(exported, batch, result, List.copyOf(outputs.keySet()));
          if (likelihood.equals("paper")) {
            assertLogLikelihoodIsTheLargestLogit(result);
          }
        }
      }
    }
    Files.writeString(out.resolve("model_dir.txt"), model.toAbsolutePath().toString());
  }

  /**
   * With the paper's likelihood the logits are the class log-densities, so the predicted class
   * is the most likely one and its log-likelihood is its logit.
   */
  private static void assertLogLikelihoodIsTheLargestLogit(Result outputs) {
    float[][] logits = StdArrays.array2dCopyOf((TFloat32) outputs.get(0));
    float[] logLikelihood = StdArrays.array1dCopyOf((TFloat32) outputs.get(5));
    for (int i = 0; i < logits.length; i++) {
      float largest = Float.NEGATIVE_INFINITY;
      for (float logit : logits[i]) {
        largest = Math.max(largest, logit);
      }
      assertEquals(largest, logLikelihood[i], 1e-4f * Math.max(1, Math.abs(largest)),
          "log-likelihood of image " + i);
    }
  }

  /** Every output of every signature equals the training graph's own, bit for bit. */
  private static void assertExportComputesTheSame(SavedModelBundle exported, Batch batch,
      Result inSession, List<String> names) {
    for (Signature signature : exported.signatures()) {
      try (Result result = exported.function(signature.key())
          .call(Map.of(Signatures.INPUT, (Tensor) batch.images()))) {
        for (String name : signature.outputNames()) {
          Tensor expected = inSession.get(names.indexOf(name));
          Tensor actual = result.get(name).orElseThrow();
          assertEquals(expected.shape(), actual.shape(), name);
          assertTrue(java.util.Arrays.equals(bytes(expected), bytes(actual)),
              signature.key() + "/" + name + " differs from the training graph's");
        }
      }
    }
  }

  private static byte[] bytes(Tensor tensor) {
    byte[] bytes = new byte[(int) tensor.numBytes()];
    tensor.asRawTensor().data().read(bytes);
    return bytes;
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
