package gmloss.train;

import gmloss.data.Batch;
import gmloss.data.BatchLoader;
import gmloss.data.Dataset;
import gmloss.io.EnumNames;
import gmloss.io.ShellWords;
import gmloss.network.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Runs training: one session, one epoch at a time, evaluation on the test split after each
 * epoch, a checkpoint after each epoch (and every {@code checkpointEvery} steps). Starts fresh or
 * from a checkpoint, and then trains exactly as the uninterrupted run would have.
 */
public final class Trainer {

  /** How the loop ended: all epochs done, or stopped by a {@link StopRequest}. */
  public enum Ending { FINISHED, STOPPED }

  /** What a run leaves behind. */
  public record Outcome(Ending ending, List<EpochMetrics> epochs, Checkpoint checkpoint,
      long trainableCount, double trainingSeconds, double elapsedSeconds) {

    /** The last epoch's metrics; empty when the run stopped before its first epoch ended. */
    public Optional<EpochMetrics> last() {
      return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
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

  /** Where to write checkpoints and how often; what stops the loop early. */
  public record Checkpointing(CheckpointStore store, int everySteps, StopRequest stop) {}

  private final TrainingConfig config;
  private final ModelSpec spec;
  private final Dataset data;
  private final Path runDir;
  private final RunLog log;
  private final String command;
  private final int resumes;
  private final Checkpointing checkpointing;

  /**
   * @param command the command line of the run, kept in checkpoints and model cards
   * @param resumes how many times the run has been resumed, kept there too
   */
  public Trainer(TrainingConfig config, ModelSpec spec, Dataset data, Path runDir, RunLog log,
      String command, int resumes, Checkpointing checkpointing) {
    this.config = config;
    this.spec = spec;
    this.data = data;
    this.runDir = runDir;
    this.log = log;
    this.command = command;
    this.resumes = resumes;
    this.checkpointing = checkpointing;
  }

  /** What a user types to continue this run. */
  public static String resumeCommand(Path runDir) {
    return "gmloss train --resume " + ShellWords.quote(runDir.toString());
  }

  /**
   * Trains in {@code opened}, from scratch or on from {@code resumeFrom}, whose variables it
   * holds. The epoch line and {@code metrics.csv} are always written; {@code listeners} are told
   * too.
   */
  public Outcome run(TrainingSession opened, Optional<Checkpoint> resumeFrom,
      List<TrainingListener> listeners) throws IOException {
    TrainingGraph model = opened.model();
    long trainableCount = model.network().parameters().trainableCount();
    log.line(String.format(Locale.ROOT, "model: %s, %s head, %d trainable parameters",
        spec.networkType().describe(spec), spec.head(), trainableCount));
    Position start = resumeFrom.isPresent() ? Position.of(resumeFrom.get()) : Position.fresh();
    List<String> hyperNames = config.hyperParameters().stream().map(HyperSetting::name)
        .toList();
    try (MetricsCsv csv = new MetricsCsv(runDir, hyperNames, start.history)) {
      List<TrainingListener> all = new ArrayList<>(listeners);
      all.add(new EpochLog(log, config.epochs()));
      all.add(csv);
      return loop(opened.session(), model, start, trainableCount, all);
    }
  }

  /** Where the loop stands: everything a checkpoint must hold besides the variables. */
  private static final class Position {
    final List<EpochMetrics> history = new ArrayList<>();
    long iteration;
    EpochTotals totals = new EpochTotals();
    double trainingSeconds;
    double elapsedBefore;
    Checkpoint checkpoint;

    static Position fresh() {
      return new Position();
    }

    static Position of(Checkpoint checkpoint) throws IOException {
      Checkpoint.State state = checkpoint.readState();
      Position position = new Position();
      position.history.addAll(state.history());
      position.iteration = state.iterations();
      if (state.epochInProgress() != null) {
        position.totals = state.epochInProgress().copy();
      }
      position.trainingSeconds = state.trainingSeconds();
      position.elapsedBefore = state.elapsedSeconds();
      position.checkpoint = checkpoint;
      return position;
    }
  }

  private Outcome loop(Session session, TrainingGraph model, Position at, long trainableCount,
      List<TrainingListener> listeners) throws IOException {
    BatchLoader trainBatches = BatchLoader.training(data.train(), config.batchSize(),
        config.augmentation().orElse(null), config.seed());
    int perEpoch = trainBatches.batchesPerEpoch();
    long start = System.nanoTime() - (long) (at.elapsedBefore * 1e9);
    for (int epoch = at.history.size(); epoch < config.epochs(); epoch++) {
      int firstBatch = (int) (at.iteration - (long) epoch * perEpoch);
      for (TrainingListener listener : listeners) {
        listener.epochStarted(epoch, firstBatch, perEpoch);
      }
      boolean stopped = trainEpoch(session, model, trainBatches, epoch, firstBatch, at, start,
          listeners);
      if (stopped) {
        return stopped(at, trainableCount, start, listeners);
      }
      requireFinite(session, model, at.iteration, perEpoch);
      SplitEvaluation test = SplitEvaluation.of(session, model, data.test(),
          config.evalBatchSize());
      if (!Double.isFinite(test.loss())) {
        throw diverged(at.iteration, at.iteration, perEpoch, "the test loss is " + test.loss());
      }
      EpochMetrics.Validation validation = data.validation().map(split -> {
        SplitEvaluation v = SplitEvaluation.of(session, model, split, config.evalBatchSize());
        return new EpochMetrics.Validation(v.loss(), v.accuracy());
      }).orElse(null);
      MixtureState mixture = MixtureState.read(session, model, test, data.test());
      StepValues last = StepValues.at(config, new Progress(epoch, at.iteration - 1, perEpoch));
      EpochMetrics metrics = new EpochMetrics(epoch, last.learningRate(),
          last.hyperParameters(), at.totals.loss / at.totals.images,
          at.totals.likelihood / at.totals.images,
          (double) at.totals.correct / at.totals.images, test.loss(), test.accuracy(),
          at.totals.images / at.totals.seconds, seconds(start), mixture.range(), validation,
          mixture.fit(), EnumNames.of(config.precision()));
      at.history.add(metrics);
      at.trainingSeconds += at.totals.seconds;
      at.totals = new EpochTotals();
      Map<String, float[]> histograms = new LinkedHashMap<>();
      if (test.ownDistances().length > 0) {
        histograms.put("test/distance_to_own_mean", test.ownDistances());
      }
      if (mixture.variances().length > 0) {
        histograms.put("head/variances", mixture.variances());
      }
      for (TrainingListener listener : listeners) {
        listener.epochDone(metrics);
        listener.epochHistograms(epoch, histograms);
      }
      boolean stop = checkpointing.stop().requested() && epoch + 1 < config.epochs();
      if (stop) {
        announceStop(at.iteration, perEpoch);
      }
      save(session, model, at, perEpoch, start);
      if (isBestOnValidation(at.history)) {
        checkpointing.store().markBest(at.checkpoint);
      }
      if (stop) {
        return stopped(at, trainableCount, start, listeners);
      }
    }
    return new Outcome(Ending.FINISHED, at.history, at.checkpoint, trainableCount,
        at.trainingSeconds, seconds(start));
  }

  /**
   * Runs the steps of one epoch from {@code firstBatch} on, with the checkpoints due within it.
   *
   * @return true if a stop was requested and the epoch left unfinished
   */
  private boolean trainEpoch(Session session, TrainingGraph model, BatchLoader loader, int epoch,
      int firstBatch, Position at, long start, List<TrainingListener> listeners)
      throws IOException {
    int perEpoch = loader.batchesPerEpoch();
    long segmentStart = System.nanoTime();
    try (BatchLoader.Stream batches = loader.epoch(epoch, firstBatch)) {
      while (batches.hasNext()) {
        StepReport report;
        try (Batch batch = batches.next()) {
          report = step(session, model, batch, new Progress(epoch, at.iteration, perEpoch), at,
              segmentStart);
        }
        at.iteration++;
        for (TrainingListener listener : listeners) {
          listener.stepDone(report);
        }
        boolean lastOfEpoch = at.iteration % perEpoch == 0;
        boolean stop = checkpointing.stop().requested();
        boolean due = checkpointing.everySteps() > 0
            && at.iteration % checkpointing.everySteps() == 0;
        if (!lastOfEpoch && (stop || due)) {
          at.totals.seconds += seconds(segmentStart);
          if (stop) {
            announceStop(at.iteration, perEpoch);
          }
          save(session, model, at, perEpoch, start);
          if (stop) {
            return true;
          }
          segmentStart = System.nanoTime();
        }
      }
    }
    at.totals.seconds += seconds(segmentStart);
    return false;
  }

  /** Whether the last epoch has the best validation accuracy so far (never the test set's). */
  public static boolean isBestOnValidation(List<EpochMetrics> history) {
    EpochMetrics last = history.get(history.size() - 1);
    if (last.validationResult().isEmpty()) {
      return false;
    }
    return history.stream().limit(history.size() - 1)
        .allMatch(m -> m.validationResult().map(v -> v.accuracy() < last.validation().accuracy())
            .orElse(true));
  }

  /** Says where a stopped run stands, before its checkpoint, so the log keeps it. */
  private void announceStop(long done, int perEpoch) {
    log.line(String.format(Locale.ROOT, "stopped %s after step %d (epoch %d, batch"
        + " %d of %d); checkpoint %s", checkpointing.stop().cause(), done,
        (done - 1) / perEpoch + 1,
        (done - 1) % perEpoch + 1, perEpoch, checkpointing.store().directoryOf(done)));
  }

  /** The outcome of a stopped loop, its checkpoint written; the listeners are told first. */
  private Outcome stopped(Position at, long trainableCount, long start,
      List<TrainingListener> listeners) {
    listeners.forEach(listener -> listener.runStopped(at.checkpoint, runDir));
    return new Outcome(Ending.STOPPED, at.history, at.checkpoint, trainableCount,
        at.trainingSeconds, seconds(start));
  }

  private void save(Session session, TrainingGraph model, Position at, int perEpoch, long start)
      throws IOException {
    // A checkpoint of weights that are no longer numbers could only be resumed into failure.
    requireFinite(session, model, at.iteration, perEpoch);
    boolean midEpoch = at.iteration != (long) at.history.size() * perEpoch;
    try {
      long lastStep = Math.max(at.iteration - 1, 0);
      StepValues last = StepValues.at(config,
          new Progress((int) (lastStep / perEpoch), lastStep, perEpoch));
      Map<String, Checkpoint.Scheduled> scheduled = new LinkedHashMap<>();
      config.hyperParameters().forEach(h -> scheduled.put(h.name(), new Checkpoint.Scheduled(
          h.value(), h.schedule().describe(), last.hyperParameters().get(h.name()))));
      at.checkpoint = checkpointing.store().save(session, new Checkpoint.State(spec,
          data.name(), command, resumes, scheduled, at.history.size(),
          at.iteration, perEpoch, midEpoch ? at.totals.copy() : null, List.copyOf(at.history),
          at.trainingSeconds, seconds(start), log.length(), data.test().size()));
    } catch (IOException e) {
      throw new IOException(String.format(Locale.ROOT, "the checkpoint of step %d could not be"
          + " written to %s: %s; %s", at.iteration, checkpointing.store().directory(),
          e.getMessage(), at.checkpoint == null ? "there is no earlier checkpoint"
              : "the previous one, " + at.checkpoint.directory() + ", is intact"), e);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /**
   * Runs one optimizer step and adds it to the epoch's sums.
   *
   * @param segmentStart when the epoch, or its part since the last checkpoint, began
   */
  private StepReport step(Session session, TrainingGraph model, Batch batch, Progress progress,
      Position at, long segmentStart) {
    StepValues values = StepValues.at(config, progress);
    try (StepFeed feed = new StepFeed(model, values, progress.iteration() + 1);
        Result result = feed.runner(session, batch).run()) {
      float loss = ((TFloat32) result.get(0)).getFloat();
      if (!Float.isFinite(loss)) {
        throw diverged(progress.iteration() + 1, progress.iteration(),
            progress.batchesPerEpoch(), "the loss is " + loss);
      }
      at.totals.add(loss, ((TFloat32) result.get(1)).getFloat(),
          ((TInt32) result.get(2)).getInt(), batch.size());
      double seconds = at.totals.seconds + seconds(segmentStart);
      return new StepReport(progress, values, loss, at.totals.loss / at.totals.images,
          (double) at.totals.correct / at.totals.images,
          seconds > 0 ? at.totals.images / seconds : 0);
    }
  }

  /** Refuses weights or batch-norm statistics that are no longer finite numbers. */
  private void requireFinite(Session session, TrainingGraph model, long stepsDone,
      int perEpoch) {
    try (Result result = session.runner().fetch(model.allFinite).run()) {
      if (!((TBool) result.get(0)).getBoolean()) {
        throw diverged(stepsDone, stepsDone, perEpoch,
            "the weights or batch-norm statistics are no longer finite numbers");
      }
    }
  }

  /**
   * The error for training that stopped being numbers at step {@code step} (from 1): its loss,
   * or what it left in the weights. Checkpoints of {@code badFrom} steps and more hold the
   * weights that went wrong (a loss comes from the weights after the step before) and are
   * removed; the newest one left, which was checked when it was written, is the last good one.
   */
  private DivergedException diverged(long step, long badFrom, int perEpoch, String what) {
    Optional<Checkpoint> good;
    try {
      good = checkpointing.store().discardFrom(badFrom);
    } catch (IOException e) {
      good = Optional.empty();
    }
    return new DivergedException(String.format(Locale.ROOT, "training diverged at step %d"
        + " (epoch %d): %s. %s", step, (step - 1) / perEpoch + 1, what,
        good.map(c -> "The newest checkpoint, " + c.directory() + ", holds finite weights;"
            + " continue from it with a lower rate: " + resumeCommand(runDir) + " --lr <lower>"
            + " (if the loss had already grown by then, see train.log, start"
            + " again with a lower --lr instead)")
            .orElse("No checkpoint precedes it: start again with a lower --lr, a warm-up or"
                + " ramped loss weights")));
  }
}
