package gmloss.run;

import gmloss.data.Dataset;
import gmloss.export.SavedModelExporter;
import gmloss.io.Json;
import gmloss.io.Memory;
import gmloss.io.Numbers;
import gmloss.io.ShellWords;
import gmloss.network.ModelSpec;
import gmloss.options.OptionException;
import gmloss.runtime.NativeSetup;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import gmloss.train.EpochMetrics;
import gmloss.train.RunControl;
import gmloss.train.RunLog;
import gmloss.train.StopRequest;
import gmloss.train.TensorBoard;
import gmloss.train.Trainer;
import gmloss.train.TrainingListener;
import gmloss.train.TrainingSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One training run, from its options to a finished run directory and an exported SavedModel:
 * what {@code gmloss train} does, for a Java program. A run writes its record, log, metrics,
 * TensorBoard events and checkpoints to its run directory as it goes, and can be stopped and
 * resumed there with the options it recorded. Its log lines go to {@code train.log}, to
 * java.util.logging ({@code gmloss.train}) and to its listeners' {@code logged}.
 *
 * <pre>{@code
 * Trainer.Outcome done = TrainingRun.start(new TrainSettings().set("epochs", 2)
 *     .set("run-dir", "runs/first").set("export-dir", "models/first")).fit();
 * // later, or after a crash: on from the latest checkpoint, with one more epoch
 * TrainingRun.resume(Path.of("runs/first"), Map.of("epochs", "3")).fit();
 * }</pre>
 *
 * <p>Thread safety: a run is configured and fitted from one thread, once; {@link #requestStop}
 * may be called from any thread, and listeners are called on the fitting thread.
 */
public final class TrainingRun implements RunControl {

  private final TrainingPlan plan;
  /** The command line that started or resumed the run; empty when a program did. */
  private final Optional<List<String>> command;
  /** The settings of a new run, or the changes of a resume, as given. */
  private final Map<String, String> given;
  private final Optional<Resumption> resumption;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private boolean stopOnSignals;
  private boolean fitted;
  private volatile boolean stopRequested;
  private volatile StopRequest stop;

  private TrainingRun(TrainingPlan plan, Optional<List<String>> command,
      Map<String, String> given, Optional<Resumption> resumption) {
    this.plan = plan;
    this.command = command;
    this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    this.resumption = resumption;
  }

  /**
   * A new run with {@code settings}.
   *
   * @throws OptionException naming the first option that cannot be used, or a run directory
   *     that already holds a run
   */
  public static TrainingRun start(TrainSettings settings) throws OptionException {
    return new TrainingRun(settings.plan(), settings.commandLine(), settings.explicit(),
        Optional.empty());
  }

  /**
   * As {@link #resume(Path, Map)}, with the changes as typed settings: {@code new
   * TrainSettings().epochs(12)} trains a stopped or finished run on to 12 epochs.
   */
  public static TrainingRun resume(Path runDir, TrainSettings changes)
      throws OptionException, IOException {
    return resume(runDir, changes.explicit(), Optional.empty());
  }

  /**
   * The stopped run in {@code runDir}, to go on from its latest readable checkpoint with its
   * recorded options and {@code changes} (option name to value: a larger {@code epochs}, another
   * schedule, device or checkpoint interval; options that fix the model or its batches cannot
   * change). A run stopped before its first checkpoint starts again from step 0; a run whose
   * training ended but whose model was not exported only exports it. The run's record lists
   * this resume without a command line, as a program's.
   *
   * @throws OptionException if {@code runDir} holds no run, a change is not allowed or the run
   *     is finished, its model exported
   * @throws IOException if the record cannot be read, or the run's checkpoints are gone
   */
  public static TrainingRun resume(Path runDir, Map<String, String> changes)
      throws OptionException, IOException {
    return resume(runDir, changes, Optional.empty());
  }

  /**
   * As {@link #resume(Path, Map)}, by the command line {@code commandLine}, word by word, which
   * the run's record lists among its resumes.
   */
  public static TrainingRun resume(Path runDir, Map<String, String> changes,
      List<String> commandLine) throws OptionException, IOException {
    return resume(runDir, changes, Optional.of(commandLine));
  }

  private static TrainingRun resume(Path runDir, Map<String, String> changes,
      Optional<List<String>> commandLine) throws OptionException, IOException {
    Resumption resumption = Resumption.of(runDir, changes);
    return new TrainingRun(resumption.plan(), commandLine, changes, Optional.of(resumption));
  }

  /**
   * What opens this invocation's part of the log: the command line, or what a program asked for,
   * and the machine, whose speeds the epoch lines give.
   */
  private void logInvocation(RunLog log, RunRecord.Environment environment) {
    log.line(invocation());
    environment.machineLine().ifPresent(log::line);
  }

  /** The first line of the log: the command line, or what a program asked for. */
  private String invocation() {
    if (command.isPresent()) {
      return ShellWords.quote(command.get());
    }
    String who = resumption.isPresent() ? "resumed by a program" : "started by a program";
    List<String> options = TrainSettings.commandOf(given);
    return given.isEmpty() ? who : who + (resumption.isPresent() ? ", changing " : ", with ")
        + ShellWords.quote(options.subList(2, options.size()));
  }

  /** This invocation as an entry of the run's record. */
  private RunRecord.Resume asResume() {
    return new RunRecord.Resume(Instant.now().toString(), command.orElse(null), given);
  }

  /** What the run will do, resolved from its options. */
  public TrainingPlan plan() {
    return plan;
  }

  /** Tells {@code listener} of every step and epoch too. */
  public TrainingRun addListener(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Stops after the current step, with a checkpoint, when the process gets SIGINT or SIGTERM
   * (as the command line does); the process then exits with the signal's code.
   */
  public TrainingRun stopOnSignals() {
    stopOnSignals = true;
    return this;
  }

  /**
   * Asks a running {@link #fit} to stop after its current step with a checkpoint, from which
   * {@link #resume} continues; safe to call from a listener or another thread.
   */
  @Override
  public void requestStop() {
    stopRequested = true;
    StopRequest current = stop;
    if (current != null) {
      current.request();
    }
  }

  /**
   * Trains until the last epoch, or until a stop is requested, then exports the model of a
   * finished run to the plan's export directory.
   *
   * @return how the loop ended, the epochs' metrics and the last checkpoint
   * @throws Trainer.DivergedException if the loss stops being a number
   * @throws IllegalStateException if this run was fitted before; a stopped run goes on through
   *     {@link #resume}
   */
  public Trainer.Outcome fit() throws IOException, OptionException {
    if (fitted) {
      throw new IllegalStateException(plan.runDir() + ": this TrainingRun has already been"
          + " fitted once; continue the run with TrainingRun.resume");
    }
    fitted = true;
    NativeSetup.enableOneDnn(System.err);
    Dataset data = load();
    ModelSpec spec = plan.spec(data);
    RunDirectory directory = new RunDirectory(plan.runDir());
    try (RunDirectory.Lock lock = directory.lock()) {
      Optional<Resumption> fromCheckpoint = resumption.filter(Resumption::fromCheckpoint);
      return fromCheckpoint.isPresent()
          ? fitFromCheckpoint(fromCheckpoint.get(), directory, data, spec)
          : fitFromStart(directory, data, spec);
    }
  }

  /** A new run, or one started again from step 0. */
  private Trainer.Outcome fitFromStart(RunDirectory directory, Dataset data, ModelSpec spec)
      throws IOException, OptionException {
    directory.clearForFreshStart(plan.exportDir());
    RunRecord.Environment environment = RunRecord.Environment.now(plan.training().device());
    // Written first, so that a run killed at any later moment can be resumed.
    RunRecord record = resumption.isPresent()
        ? resumption.get().record().resumed(asResume(), plan.options(), environment,
            RunRecord.DataSizes.of(data), List.of())
        : RunRecord.starting(command.orElse(null), given, List.of(), plan.options(),
            environment, RunRecord.DataSizes.of(data), spec, plan.exportDir().toString(),
            List.of());
    record.write(plan.runDir());
    CheckpointStore store = directory.checkpoints(plan.keepCheckpoints());
    try (TrainingSession session = TrainingSession.open(spec, plan.training(),
        Optional.empty()); RunLog log = new RunLog(this::tellListeners, directory.log())) {
      logInvocation(log, environment);
      resumption.ifPresent(resumed -> resumed.notes().forEach(log::line));
      plan.notes().forEach(log::line);
      plan.describe(data, spec).forEach(log::line);
      return execute(data, spec, store, session, log, record, Optional.empty());
    }
  }

  /**
   * A run on from its newest checkpoint that restores; a damaged newer one is passed over and
   * the log says so.
   */
  private Trainer.Outcome fitFromCheckpoint(Resumption resumed, RunDirectory directory,
      Dataset data, ModelSpec spec) throws IOException, OptionException {
    List<String> damaged = new ArrayList<>();
    for (Checkpoint checkpoint : resumed.checkpoints()) {
      Checkpoint.State state;
      TrainingSession session;
      try {
        state = checkpoint.readState();
        requireSameModel(checkpoint, state, spec, data);
        session = TrainingSession.open(state.spec(), plan.training(), Optional.of(checkpoint));
      } catch (IOException e) {
        damaged.add(e.getMessage());
        continue;
      }
      CheckpointStore store = directory.checkpoints(plan.keepCheckpoints());
      try (session; RunLog log = RunLog.continuing(this::tellListeners, directory.log(),
          state.logBytes())) {
        store.discardNewerThan(checkpoint);
        RunRecord.Environment environment = RunRecord.Environment.now(plan.training().device());
        logInvocation(log, environment);
        damaged.forEach(problem -> log.line("passed over a damaged checkpoint: " + problem));
        resumed.notes().forEach(log::line);
        log.line(String.format(Locale.ROOT, "resuming from %s: %s and %s done%s",
            checkpoint.directory(), Numbers.counted(state.epochsDone(), "epoch"),
            Numbers.counted(state.iterations(), "step"),
            resumed.changes().isEmpty() ? ""
                : "; changed: " + String.join(", ", resumed.changes())));
        RunRecord record = resumed.record().resumed(asResume(), plan.options(), environment,
            RunRecord.DataSizes.of(data), state.history());
        record.write(plan.runDir());
        return execute(data, state.spec(), store, session, log, record,
            Optional.of(checkpoint));
      }
    }
    throw new IOException(plan.runDir() + ": no checkpoint of the run can be restored: "
        + String.join("; ", damaged));
  }

  /** Hands a line of the log to every listener. */
  private void tellListeners(String line, IntFunction<String> forWidth) {
    listeners.forEach(listener -> listener.logged(line, forWidth));
  }

  /** The training data; first a session, so a missing GPU fails before any reading. */
  private Dataset load() throws IOException, OptionException {
    // The first session also sizes TensorFlow's thread pools for the whole process.
    plan.training().device().sessionConfig(plan.training().threads(),
        plan.training().precision());
    Dataset data = plan.dataset().load(plan.dataDir(), plan.coarseLabels())
        .limited(plan.trainLimit(), plan.testLimit());
    if (plan.valSplit() >= data.train().size()) {
      throw new OptionException("--val-split " + plan.valSplit() + ": leaves no training images"
          + " of " + data.train().size());
    }
    return data.withValidation(plan.valSplit(), plan.training().seed());
  }

  /** Refuses a checkpoint whose model or batches differ from what the run's options make. */
  private void requireSameModel(Checkpoint checkpoint, Checkpoint.State state, ModelSpec spec,
      Dataset data) throws OptionException {
    ModelSpec saved = state.spec();
    if (!saved.describe().equals(spec.describe())) {
      throw new OptionException("--resume " + plan.runDir() + ": " + checkpoint.directory()
          + " holds a " + saved.describe() + ", but the run's options and data make a "
          + spec.describe());
    }
    if (!Json.GSON.toJson(saved).equals(Json.GSON.toJson(spec))) {
      throw new OptionException("--resume " + plan.runDir() + ": the training data in "
          + plan.dataDir() + " is not the data the run was trained on (its class names or"
          + " pixel statistics differ)");
    }
    int batches = data.train().size() / plan.training().batchSize();
    if (batches != state.batchesPerEpoch()) {
      throw new OptionException("--resume " + plan.runDir() + ": the run had "
          + state.batchesPerEpoch() + " batches per epoch, the data in " + plan.dataDir()
          + " gives " + batches);
    }
  }

  /**
   * Trains, keeps {@code run.json} up to date and exports the model of a finished run.
   */
  private Trainer.Outcome execute(Dataset data, ModelSpec spec, CheckpointStore store,
      TrainingSession session, RunLog log, RunRecord record, Optional<Checkpoint> resumeFrom)
      throws IOException {
    try (StopRequest request = stopOnSignals ? StopRequest.onSignals() : StopRequest.never();
        TensorBoard board = new TensorBoard(plan.runDir())) {
      stop = request;
      if (stopRequested) {
        request.request();
      }
      Trainer trainer = new Trainer(plan.training(), spec, data, plan.runDir(), log,
          record.cardCommand(), record.resumedBy().size(),
          new Trainer.Checkpointing(store, plan.checkpointEvery(), request));
      List<TrainingListener> all = new ArrayList<>(List.of(board));
      all.addAll(listeners);
      all.forEach(listener -> listener.runStarted(this));
      Trainer.Outcome outcome;
      try {
        outcome = trainer.run(session, resumeFrom, all);
      } catch (Trainer.DivergedException e) {
        write(record.failed(RunRecord.Status.DIVERGED), e);
        throw e;
      } catch (IOException | RuntimeException e) {
        write(record.failed(RunRecord.Status.FAILED), e);
        throw e;
      }
      if (outcome.ending() == Trainer.Ending.STOPPED) {
        record.ended(outcome).write(plan.runDir());
        return outcome;
      }
      try {
        SavedModelExporter.export(outcome.checkpoint(), plan.exportDir(), plan.overwrite(),
            record.cardCommand());
      } catch (IOException e) {
        write(record.failed(RunRecord.Status.FAILED), e);
        throw new IOException("training finished, but the model could not be exported to "
            + plan.exportDir() + ": " + e.getMessage() + "; export it with: "
            + Trainer.resumeCommand(plan.runDir()), e);
      }
      record.ended(outcome).write(plan.runDir());
      EpochMetrics last = outcome.last().orElseThrow();
      log.line(String.format(Locale.ROOT, "done: test accuracy %.2f%%, %.0f img/s, %s wall,"
              + " peak RSS %d MiB; SavedModel in %s", 100 * last.testAccuracy(),
          outcome.imagesPerSecond(), last.elapsedText(), Memory.peakResidentMiB(),
          plan.exportDir()));
      return outcome;
    } finally {
      stop = null;
    }
  }

  /** Writes the record of a failed run; a full disk must not hide {@code error}. */
  private void write(RunRecord failed, Exception error) {
    try {
      failed.write(plan.runDir());
    } catch (IOException e) {
      error.addSuppressed(e);
    }
  }
}
