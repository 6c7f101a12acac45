package gmloss.train;

import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Event files for TensorBoard in {@code <run>/tensorboard}, written with TensorFlow's own summary
 * ops (in a small graph of their own): per step the loss, running accuracy, learning rate, the
 * head's hyper-parameters and images/s; per epoch the epoch's numbers, and histograms of each
 * test image's distance to its own class centre and of the learned variances.
 */
public final class TensorBoard implements TrainingListener, AutoCloseable {

  public static final String DIRECTORY = "tensorboard";

  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final Placeholder<TFloat32> values;
  private final Op writeScalar;
  private final Op writeHistogram;
  private final Op flush;
  private final Op closeWriter;

  public TensorBoard(Path runDir) {
    Ops tf = Ops.create(graph);
    step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    values = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    SummaryWriter writer = tf.summary.summaryWriter(SummaryWriter.sharedName("gmloss"));
    Op create = tf.summary.createSummaryFileWriter(writer,
        tf.constant(runDir.resolve(DIRECTORY).toAbsolutePath().toString()), tf.constant(100),
        tf.constant(5_000), tf.constant(".gmloss"));
    writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value);
    writeHistogram = tf.summary.writeHistogramSummary(writer, step, tag, values);
    flush = tf.summary.flushSummaryWriter(writer);
    closeWriter = tf.summary.closeSummaryWriter(writer);
    session = new Session(graph);
    session.runner().addTarget(create).run();
  }

  @Override
  public void stepDone(StepReport report) {
    long at = report.progress().iteration() + 1;
    scalar(at, "step/loss", report.loss());
    scalar(at, "step/epoch_loss", report.epochLoss());
    scalar(at, "step/epoch_accuracy", report.epochAccuracy());
    scalar(at, "step/learning_rate", report.values().learningRate());
    report.values().hyperParameters().forEach((name, value) -> scalar(at, "step/" + name, value));
    scalar(at, "step/images_per_second", report.imagesPerSecond());
  }

  @Override
  public void epochDone(EpochMetrics metrics) {
    long at = metrics.epoch() + 1;
    scalar(at, "epoch/train_loss", metrics.trainLoss());
    scalar(at, "epoch/train_likelihood", metrics.trainLikelihood());
    scalar(at, "epoch/train_accuracy", metrics.trainAccuracy());
    scalar(at, "epoch/test_loss", metrics.testLoss());
    scalar(at, "epoch/test_accuracy", metrics.testAccuracy());
    scalar(at, "epoch/learning_rate", metrics.learningRate());
    metrics.hyperParameters().forEach((name, value) -> scalar(at, "epoch/" + name, value));
    scalar(at, "epoch/images_per_second", metrics.imagesPerSecond());
    metrics.validationResult().ifPresent(v -> {
      scalar(at, "epoch/val_loss", v.loss());
      scalar(at, "epoch/val_accuracy", v.accuracy());
    });
    metrics.fitResult().ifPresent(f -> {
      scalar(at, "epoch/fit_mean_offset", f.meanOffset());
      scalar(at, "epoch/fit_own_likelihood", f.ownLikelihood());
    });
    session.runner().addTarget(flush).run();
  }

  @Override
  public void epochHistograms(int epoch, Map<String, float[]> histograms) {
    for (Map.Entry<String, float[]> entry : histograms.entrySet()) {
      try (TInt64 at = TInt64.scalarOf(epoch + 1);
          TString name = TString.scalarOf(entry.getKey());
          TFloat32 data = TFloat32.tensorOf(Shape.of(entry.getValue().length),
              DataBuffers.of(entry.getValue()))) {
        session.runner().feed(step, at).feed(tag, name).feed(values, data)
            .addTarget(writeHistogram).run();
      }
    }
    session.runner().addTarget(flush).run();
  }

  private void scalar(long at, String name, double number) {
    try (TInt64 stepTensor = TInt64.scalarOf(at);
        TString tagTensor = TString.scalarOf(name);
        TFloat32 valueTensor = TFloat32.scalarOf((float) number)) {
      session.runner().feed(step, stepTensor).feed(tag, tagTensor).feed(value, valueTensor)
          .addTarget(writeScalar).run();
    }
  }

  @Override
  public void close() {
    session.runner().addTarget(closeWriter).run();
    session.close();
    graph.close();
  }
}
