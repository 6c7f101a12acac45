package gmloss.run;

import gmloss.export.SavedModelExporter;
import gmloss.io.Numbers;
import gmloss.io.ShellWords;
import gmloss.options.OptionException;
import gmloss.options.OptionValues;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import gmloss.train.LearningRateSchedule;
import gmloss.train.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a resumed run picks up, decided before anything trains: its plan (the recorded options
 * with the resume's changes, in the run's present place), its record, its checkpoints (the
 * newest first; an older one serves when a newer one cannot be read), what the resume changes,
 * and the notes its log opens with.
 */
record Resumption(TrainingPlan plan, RunRecord record, List<Checkpoint> checkpoints,
    List<String> changes, List<String> notes) {

  Resumption {
    checkpoints = List.copyOf(checkpoints);
    changes = List.copyOf(changes);
    notes = List.copyOf(notes);
  }

  /** Whether the run goes on from a checkpoint, rather than again from step 0. */
  boolean fromCheckpoint() {
    return !checkpoints.isEmpty();
  }

  /**
   * Where the stopped run in {@code runDir} picks up with {@code changes}, as {@link
   * TrainingRun#resume(Path, Map)} describes.
   *
   * @throws OptionException if {@code runDir} holds no run, a change is not allowed or the run
   *     is finished, its model exported
   * @throws IOException if the record cannot be read, or the run's checkpoints are gone
   */
  static Resumption of(Path runDir, Map<String, String> changes)
      throws OptionException, IOException {
    RunDirectory directory = new RunDirectory(runDir);
    RunRecord record = directory.recordToResume();
    List<String> notes = new ArrayList<>();
    Map<String, String> recorded = relocated(record.options(), runDir, notes);
    OptionValues options = ResumedOptions.merge(recorded, changes);
    TrainingPlan plan = TrainingPlan.of(options, Optional.of(runDir));
    List<Checkpoint> checkpoints = directory.checkpointsNewestFirst();
    List<String> changed = ResumedOptions.changes(recorded, options);
    if (checkpoints.isEmpty()) {
      if (record.results().epochsDone() > 0) {
        throw new IOException(runDir + ": the run had done " + Numbers.counted(
            record.results().epochsDone(), "epoch") + ", but it has no checkpoint left in "
            + runDir.resolve(CheckpointStore.DIRECTORY) + "; nothing to resume from. Start it"
            + " again from step 0: " + startAgain(record, plan));
      }
      notes.add("the run stopped before its first checkpoint: starting it again from step 0"
          + " with its recorded options");
      return new Resumption(plan, record, List.of(), changed, notes);
    }
    Checkpoint.State newest = newestReadable(checkpoints, runDir);
    if (newest.epochsDone() >= plan.training().epochs()) {
      if (SavedModelExporter.isComplete(plan.exportDir())) {
        throw new OptionException("--resume " + runDir + ": the run has done its "
            + Numbers.counted(newest.epochsDone(), "epoch") + "; pass a larger --epochs to train"
            + " on");
      }
      notes.add("the run has done its " + Numbers.counted(newest.epochsDone(), "epoch")
          + ", but its model is not in " + plan.exportDir() + " yet: exporting it");
    }
    rateAfterExtension(recorded, plan, newest).ifPresent(notes::add);
    return new Resumption(plan, record, checkpoints, changed, notes);
  }

  /**
   * What raising --epochs does to the learning rate, when it changes it: a schedule that decays
   * over the run (cosine, steps at shares of it) is laid out again over the longer run, so the
   * rate of the next step is not the one the last step trained with. The note says so and how
   * to go on at the last rate instead.
   */
  private static Optional<String> rateAfterExtension(Map<String, String> recorded,
      TrainingPlan plan, Checkpoint.State newest) throws OptionException {
    int before = Integer.parseInt(recorded.getOrDefault("epochs", "0"));
    if (plan.training().epochs() <= before || newest.iterations() == 0) {
      return Optional.empty();
    }
    LearningRateSchedule old = TrainingPlan.learningRate(ResumedOptions.merge(recorded,
        Map.of()), before, new ArrayList<>());
    int perEpoch = newest.batchesPerEpoch();
    long last = newest.iterations() - 1;
    float ended = old.valueAt(new Progress((int) (last / perEpoch), last, perEpoch));
    float next = plan.training().learningRate().valueAt(new Progress(
        (int) (newest.iterations() / perEpoch), newest.iterations(), perEpoch));
    if (Math.abs(next - ended) <= 0.01 * Math.max(Math.abs(ended), 1e-12f)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "--epochs %d (was %d): the learning-rate"
        + " schedule now spans %s, so the next step trains at %s where the last one trained at"
        + " %s; to go on at %s instead, resume with --lr-schedule constant --lr %s"
        + " --warmup-epochs 0", plan.training().epochs(), before,
        Numbers.counted(plan.training().epochs(), "epoch"), Numbers.rate(next),
        Numbers.rate(ended), Numbers.rate(ended), Numbers.rate(ended)));
  }

  /**
   * The recorded options of the run found in {@code runDir}. A run copied or moved away from the
   * directory it recorded resumes in its new place, and a model it exported inside its old
   * directory goes inside the new one: the original is never written to.
   */
  private static Map<String, String> relocated(Map<String, String> recorded, Path runDir,
      List<String> notes) {
    String was = recorded.get("run-dir");
    Path now = runDir.toAbsolutePath().normalize();
    if (was == null || Path.of(was).toAbsolutePath().normalize().equals(now)) {
      return recorded;
    }
    Path old = Path.of(was).toAbsolutePath().normalize();
    Map<String, String> moved = new LinkedHashMap<>(recorded);
    moved.put("run-dir", runDir.toString());
    String export = recorded.get("export-dir");
    boolean inside = export != null && Path.of(export).toAbsolutePath().normalize()
        .startsWith(old);
    if (inside) {
      moved.put("export-dir", now.resolve(old.relativize(Path.of(export).toAbsolutePath()
          .normalize())).toString());
    }
    notes.add("the run was recorded in " + old + " and is now in " + now + ": it resumes here"
        + (inside ? " and exports its model to " + moved.get("export-dir") : ""));
    return moved;
  }

  /** The state of the newest checkpoint whose state can be read. */
  private static Checkpoint.State newestReadable(List<Checkpoint> checkpoints, Path runDir)
      throws IOException {
    List<String> problems = new ArrayList<>();
    for (Checkpoint checkpoint : checkpoints) {
      try {
        return checkpoint.readState();
      } catch (IOException e) {
        problems.add(e.getMessage());
      }
    }
    throw new IOException(runDir + ": no checkpoint of the run can be read: "
        + String.join("; ", problems));
  }

  /**
   * The command that starts {@code record}'s run again from step 0 where {@code plan} puts it:
   * its run and export directories are today's, wherever they were when the command was given.
   */
  private static String startAgain(RunRecord record, TrainingPlan plan) {
    List<String> words = new ArrayList<>(record.command() != null ? record.command()
        : TrainSettings.commandOf(record.settings()));
    for (String option : List.of("--run-dir", "--export-dir")) {
      words.removeIf(word -> word.startsWith(option + "="));
      int given = words.indexOf(option);
      if (given >= 0 && given + 1 < words.size()) {
        words.subList(given, given + 2).clear();
      }
    }
    words.addAll(List.of("--run-dir", plan.runDir().toString(), "--export-dir",
        plan.exportDir().toString()));
    if (!words.contains("--overwrite")) {
      words.add("--overwrite");
    }
    return ShellWords.quote(words);
  }
}
