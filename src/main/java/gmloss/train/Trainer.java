package gmloss.train;

import gmloss.data.Batch;
import gmloss.data.BatchLoader;
import gmloss.data.Dataset;
import gmloss.data.ImageSet;
import gmloss.network.ModelSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Runs training: one session, one epoch at a time, evaluation on the test split after each
 * epoch, a checkpoint after each epoch.
 */
public final class Trainer {

  /** What a finished run leaves behind. */
  public record Outcome(List<EpochMetrics> epochs, Checkpoint checkpoint, long trainableCount,
      double trainingSeconds) {

    public EpochMetrics last() {
      return epochs.get(epochs.size() - 1);
    }

    /** Training images per second over the whole run, evaluation excluded. */
    public double imagesPerSecond() {
      return epochs.stream().mapToDouble(e -> e.imagesPerSecond()).average().orElse(0);
    }
  }

  /** Thrown when the loss stops being a number. */
  public static final class DivergedException extends RuntimeException {
    DivergedException(String message) {
      super(message);
    }
  }

  private final TrainingConfig config;
  private final ModelSpec spec;
  private final Dataset data;
  private final Path runDir;
  private final RunLog log;
  private final String command;

  /** @param command the command line of the run, kept in checkpoints and model cards */
  public Trainer(TrainingConfig config, ModelSpec spec, Dataset data, Path runDir, RunLog log,
      String command) {
    this.command = command;
    this.config = config;
    this.spec = spec;
    this.data = data;
    this.runDir = runDir;
    this.log = log;
  }

  public Outcome run() throws IOException {
    try (Graph graph = new Graph()) {
      TrainingGraph model = new TrainingGraph(graph, spec, config.optimizer(), config.seed());
      log.line(String.format("model: ResNet-%d, %s head, %d trainable parameters",
          spec.depth(), spec.head().name().toLowerCase(java.util.Locale.ROOT),
          model.network().parameters().trainableCount()));
      try (Session session = new Session(graph,
          config.device().sessionConfig(config.threads()))) {
        session.initialize();
        return loop(session, model, model.network().parameters().trainableCount());
      }
    }
  }

  private Outcome loop(Session session, TrainingGraph model, long trainableCount)
      throws IOException {
    BatchLoader trainBatches = BatchLoader.training(data.train(), config.batchSize(),
        config.augmentation().orElse(null), config.seed());
    int perEpoch = trainBatches.batchesPerEpoch();
    Checkpoint checkpoint = new Checkpoint(runDir.resolve("checkpoint"));
    List<EpochMetrics> history = new ArrayList<>();
    long start = System.nanoTime();
    double trainingSeconds = 0;
    long iteration = 0;
    try (PrintWriter csv = new PrintWriter(
        Files.newBufferedWriter(runDir.resolve("metrics.csv"), StandardCharsets.UTF_8))) {
      csv.println(EpochMetrics.csvHeader());
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        Totals totals = new Totals();
        long epochStart = System.nanoTime();
        iteration = trainEpoch(session, model, trainBatches, epoch, iteration, totals);
        double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
        trainingSeconds += epochSeconds;
        Evaluation test = evaluate(session, model, data.test(), config.evalBatchSize());
        Progress last = new Progress(epoch, iteration - 1, perEpoch);
        EpochMetrics metrics = new EpochMetrics(epoch,
            config.learningRate().valueAt(last), config.alphaSchedule().valueAt(config.alpha(),
                last), config.lambdaSchedule().valueAt(config.lambda(), last),
            totals.loss / totals.images, totals.likelihood / totals.images,
            (double) totals.correct / totals.images, test.loss(), test.accuracy(),
            totals.images / epochSeconds, (System.nanoTime() - start) / 1e9,
            varianceRange(session, model).orElse(null));
        history.add(metrics);
        log.line(metrics.summary(config.epochs()));
        metrics.varianceRange().filter(v -> v.min() < SMALL_VARIANCE).ifPresent(v -> log.line(
            String.format(java.util.Locale.ROOT, "warning: a learned variance fell to %.3g"
                + " (below %s) in epoch %d; distances to that class are being blown up",
                v.min(), SMALL_VARIANCE, metrics.epoch() + 1)));
        csv.println(metrics.csvRow());
        csv.flush();
        checkpoint.save(session, new Checkpoint.State(spec, data.name(), command, config.alpha(),
            config.lambda(), epoch + 1, iteration, test.accuracy()));
      }
    }
    return new Outcome(history, checkpoint, trainableCount, trainingSeconds);
  }

  /** Runs the steps of one epoch and returns the number of the next step. */
  private long trainEpoch(Session session, TrainingGraph model, BatchLoader loader, int epoch,
      long firstStep, Totals totals) {
    long iteration = firstStep;
    try (BatchLoader.Stream batches = loader.epoch(epoch);
        ProgressBar bar = progressBar(epoch, loader.batchesPerEpoch())) {
      while (batches.hasNext()) {
        try (Batch batch = batches.next()) {
          step(session, model, batch, new Progress(epoch, iteration, loader.batchesPerEpoch()),
              totals);
        }
        iteration++;
        if (bar != null) {
          bar.step();
        }
      }
    }
    return iteration;
  }

  /** Below this a learned variance is close to Caffe's clamp of 1e-4: worth a warning. */
  static final double SMALL_VARIANCE = 1e-3;

  private static Optional<EpochMetrics.VarianceRange> varianceRange(Session session,
      TrainingGraph model) {
    if (model.variances.isEmpty()) {
      return Optional.empty();
    }
    try (Result result = session.runner().fetch(model.variances.get()).run()) {
      TFloat32 values = (TFloat32) result.get(0);
      float[] flat = new float[(int) values.size()];
      values.asRawTensor().data().asFloats().read(flat);
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (float v : flat) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      return Optional.of(new EpochMetrics.VarianceRange(min, max));
    }
  }

  private static final class Totals {
    double loss;
    double likelihood;
    long correct;
    long images;
  }

  private void step(Session session, TrainingGraph model, Batch batch, Progress progress,
      Totals totals) {
    try (TFloat32 learningRate = TFloat32.scalarOf(config.learningRate().valueAt(progress));
        TFloat32 alpha = TFloat32.scalarOf(
            config.alphaSchedule().valueAt(config.alpha(), progress));
        TFloat32 lambda = TFloat32.scalarOf(
            config.lambdaSchedule().valueAt(config.lambda(), progress));
        TFloat32 step = TFloat32.scalarOf(progress.iteration() + 1);
        Result result = session.runner()
            .feed(model.images, batch.images()).feed(model.labels, batch.labels())
            .feed(model.learningRate, learningRate).feed(model.alpha, alpha)
            .feed(model.lambda, lambda).feed(model.step, step)
            .addTarget(model.trainStep)
            .fetch(model.loss.total()).fetch(model.loss.likelihood()).fetch(model.trainCorrect)
            .run()) {
      float loss = ((TFloat32) result.get(0)).getFloat();
      if (!Float.isFinite(loss)) {
        throw new DivergedException(String.format("training diverged at epoch %d, step %d:"
            + " the loss is %s. Lower --lr, add a warm-up or ramp alpha and lambda",
            progress.epoch() + 1, progress.iteration() + 1, loss));
      }
      totals.loss += (double) loss * batch.size();
      totals.likelihood += (double) ((TFloat32) result.get(1)).getFloat() * batch.size();
      totals.correct += ((TInt32) result.get(2)).getInt();
      totals.images += batch.size();
    }
  }

  /** Accuracy and mean cross entropy of the inference path over a whole split. */
  public record Evaluation(double accuracy, double loss) {}

  public static Evaluation evaluate(Session session, TrainingGraph model, ImageSet set,
      int batchSize) {
    BatchLoader loader = BatchLoader.evaluation(set, batchSize);
    long correct = 0;
    double crossEntropy = 0;
    try (BatchLoader.Stream batches = loader.epoch(0)) {
      while (batches.hasNext()) {
        try (Batch batch = batches.next();
            Result result = session.runner()
                .feed(model.images, batch.images()).feed(model.labels, batch.labels())
                .fetch(model.evalCorrect).fetch(model.evalCrossEntropySum).run()) {
          correct += ((TInt32) result.get(0)).getInt();
          crossEntropy += ((TFloat32) result.get(1)).getFloat();
        }
      }
    }
    return new Evaluation((double) correct / set.size(), crossEntropy / set.size());
  }

  /** A bar on an interactive terminal; none in logs and pipes, where epoch lines suffice. */
  private static ProgressBar progressBar(int epoch, int steps) {
    if (System.console() == null) {
      return null;
    }
    return new ProgressBarBuilder().setTaskName("epoch " + (epoch + 1)).setInitialMax(steps)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).build();
  }
}
