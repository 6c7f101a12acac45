package gmloss.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.cli.Main;
import gmloss.data.Batch;
import gmloss.data.BatchLoader;
import gmloss.data.Dataset;
import gmloss.data.DatasetKind;
import gmloss.export.ModelCard;
import gmloss.network.ModelSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A real, short training run on Fashion-MNIST through the command line: the loss goes down, and
 * the exported SavedModel reloads in Java and computes exactly what the training graph's
 * inference path computes from the same checkpoint.
 */
class TrainingIntegrationTest {

  private static final Path FASHION = DatasetKind.FASHION_MNIST.defaultDirectory().orElseThrow();

  @TempDir
  static Path work;

  private static Path runDir;
  private static Path exportDir;
  private static String output;

  @BeforeAll
  static void train() {
    assertTrue(Files.isDirectory(FASHION), "Fashion-MNIST is needed: "
        + DatasetKind.FASHION_MNIST.howToGet());
    runDir = work.resolve("run");
    exportDir = work.resolve("model");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"train", "--train-limit", "640", "--test-limit", "300",
        "--epochs", "4", "--batch-size", "64", "--lr", "0.05", "--warmup-epochs", "0",
        "--lr-schedule", "constant", "--no-augment", "--seed", "3",
        "--run-dir", runDir.toString(), "--export-dir", exportDir.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    output = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void lossGoesDownAndEveryEpochIsReported() throws IOException {
    List<String> rows = Files.readAllLines(runDir.resolve("metrics.csv"));
    assertEquals(EpochMetrics.csvHeader(List.of("alpha", "lambda")), rows.get(0));
    assertEquals(5, rows.size());
    double first = Double.parseDouble(rows.get(1).split(",")[4]);
    double last = Double.parseDouble(rows.get(4).split(",")[4]);
    assertTrue(last < 0.7 * first, "train loss " + first + " -> " + last);
    assertTrue(output.contains("epoch   4/4"), output);
    assertTrue(Files.exists(runDir.resolve("run.json")));
    assertTrue(Files.exists(runDir.resolve("train.log")));
  }

  @Test
  void savedModelReloadsWithIdenticalOutputs() throws IOException {
    Checkpoint checkpoint = new CheckpointStore(runDir, 1).latest().orElseThrow();
    Checkpoint.State state = checkpoint.readState();
    assertEquals(4, state.epochsDone());
    assertEquals(40, state.iterations());
    ModelSpec spec = state.spec();
    Dataset data = DatasetKind.FASHION_MNIST.load(FASHION, false).limited(640, 300);

    float[][] inSession;
    long[] inSessionClasses;
    try (Graph graph = new Graph()) {
      TrainingGraph model = new TrainingGraph(graph, spec,
          new OptimizerSpec(OptimizerSpec.Kind.MOMENTUM, 0.9f, true, 5e-4f, false, 1f, true), 3);
      try (Session session = new Session(graph);
          BatchLoader.Stream batches = BatchLoader.evaluation(data.test(), 100).epoch(0);
          Batch batch = batches.next()) {
        checkpoint.restore(session);
        try (Result result = session.runner().feed(model.images, batch.images())
            .fetch(model.inference.logits()).fetch(model.inference.classes()).run()) {
          inSession = StdArrays.array2dCopyOf((TFloat32) result.get(0));
          inSessionClasses = StdArrays.array1dCopyOf((TInt64) result.get(1));
        }
        assertEquals(state.testAccuracy(),
            SplitEvaluation.of(session, model, data.test(), 100).accuracy(), 1e-9);
      }
    }

    try (SavedModelBundle bundle = SavedModelBundle.load(exportDir.toString(), "serve");
        BatchLoader.Stream batches = BatchLoader.evaluation(data.test(), 100).epoch(0);
        Batch batch = batches.next();
        Result result = bundle.function("serving_default")
            .call(Map.of("images", (Tensor) batch.images()))) {
      float[][] reloaded = StdArrays.array2dCopyOf((TFloat32) result.get("logits").orElseThrow());
      long[] classes = StdArrays.array1dCopyOf((TInt64) result.get("classes").orElseThrow());
      for (int i = 0; i < inSession.length; i++) {
        assertArrayEquals(inSession[i], reloaded[i], 0f, "logits of image " + i);
      }
      assertArrayEquals(inSessionClasses, classes);
    }
    ModelCard card = ModelCard.read(exportDir);
    assertEquals(state.testAccuracy(), card.testAccuracy(), 1e-12);
    assertEquals(List.of("serving_default", "features", "gm"), card.signatures());
  }
}
