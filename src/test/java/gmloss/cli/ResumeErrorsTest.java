package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.CheckpointWeights;
import gmloss.ChildJvm;
import gmloss.export.ModelCard;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume} on what cannot be resumed: one line naming the problem, the documented
 * exit code, and the run left exactly as it was.
 */
@Tag("slow")
class ResumeErrorsTest {

  @TempDir
  static Path shared;
  private static Path finished;

  @TempDir
  Path work;

  /** One epoch of 16 steps, with checkpoints after steps 8 and 16. */
  @BeforeAll
  static void trainOneEpoch() {
    finished = shared.resolve("finished");
    assertEquals(0, Main.run(ResumeTest.train(finished, "--epochs", "1", "--checkpoint-every",
        "8"), TrainCommandTest.quiet(), System.err));
  }

  /**
   * A run copied elsewhere resumes in its copy and exports its model inside the copy; the
   * original, whose record the copy carries, is not written to.
   */
  @Test
  void aCopiedRunResumesAndExportsInsideItselfNotInTheOriginal() throws IOException {
    Path original = work.resolve("original");
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(ResumeTest.TINY);
    args.addAll(List.of("--run-dir", original.toString(), "--epochs", "1"));
    assertEquals(ExitCode.OK, TrainCommandTest.run(args.toArray(String[]::new)).code());
    Path originalModel = original.resolve("model").resolve("saved_model.pb");
    byte[] before = Files.readAllBytes(originalModel);
    long modified = Files.getLastModifiedTime(originalModel).toMillis();

    Path copy = Files.createDirectories(work.resolve("elsewhere")).resolve("copy");
    try (Stream<Path> files = Files.walk(original)) {
      for (Path source : files.toList()) {
        Files.copy(source, copy.resolve(original.relativize(source).toString()));
      }
    }
    TrainCommandTest.Run resumed = TrainCommandTest.run("train", "--resume", copy.toString(),
        "--epochs", "2");
    assertEquals(ExitCode.OK, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("the run was recorded in " + original + " and is now in "
        + copy + ": it resumes here and exports its model to " + copy.resolve("model")),
        resumed.out());
    assertEquals(2, ModelCard.read(copy.resolve("model")).epochs());
    assertEquals(1, ModelCard.read(original.resolve("model")).epochs());
    assertTrue(Arrays.equals(before, Files.readAllBytes(originalModel)));
    assertEquals(modified, Files.getLastModifiedTime(originalModel).toMillis());
    assertTrue(Files.readString(copy.resolve("run.json")).contains("\"run-dir\": \""
        + copy + "\""));
  }

  /** Raising --epochs of a run whose rate decayed says what happens to the rate, and the way on. */
  @Test
  void extendingAFinishedRunSaysTheRateRisesAgainAndHowToKeepIt() throws IOException {
    Path run = copy();
    TrainCommandTest.Run extended = TrainCommandTest.run("train", "--resume", run.toString(),
        "--epochs", "2", "--export-dir", work.resolve("extended-model").toString());
    assertEquals(ExitCode.OK, extended.code(), extended.err());
    Pattern note = Pattern.compile("--epochs 2 \\(was 1\\): the learning-rate schedule now spans"
        + " 2 epochs, so the next step trains at 0\\.1 where the last one trained at ([0-9.e-]+);"
        + " to go on at \\1 instead, resume with --lr-schedule constant --lr \\1"
        + " --warmup-epochs 0");
    assertTrue(extended.out().lines().anyMatch(line -> note.matcher(line).matches()),
        extended.out());
  }

  /** A copy of the finished run to spoil. */
  private Path copy() throws IOException {
    Path run = work.resolve("run");
    try (Stream<Path> files = Files.walk(finished)) {
      for (Path source : files.toList()) {
        Files.copy(source, run.resolve(finished.relativize(source).toString()));
      }
    }
    return run;
  }

  private static Path latestDirectory(Path run) {
    return run.resolve(CheckpointStore.DIRECTORY).resolve("step-00000016");
  }

  /**
   * Runs {@code train --resume run more...}, checks the exit code, that the error is one line
   * (and the usage line for a usage error) and that the run is unchanged; returns that line.
   */
  private static String refusal(Path run, int code, String... more) throws IOException {
    Map<String, String> before = contents(run);
    List<String> args = new ArrayList<>(List.of("train", "--resume", run.toString()));
    args.addAll(List.of(more));
    TrainCommandTest.Run result = TrainCommandTest.run(args.toArray(String[]::new));
    assertEquals(code, result.code(), result.err());
    List<String> lines = result.err().lines().toList();
    assertEquals(code == ExitCode.USAGE ? 2 : 1, lines.size(), result.err());
    assertEquals(before, contents(run), "the run is left as it was");
    return lines.get(0);
  }

  /** Every file under {@code directory} with a digest of its content. */
  private static Map<String, String> contents(Path directory) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    if (!Files.exists(directory)) {
      return digests;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        digests.put(directory.relativize(file).toString(),
            HexFormat.of().formatHex(sha256(Files.readAllBytes(file))));
      }
    }
    return digests;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aMissingDirectoryOrOneWithoutARunRecordIsNotARun() throws IOException {
    Path missing = work.resolve("missing");
    assertEquals("gmloss train: --resume " + missing + ": directory not found",
        refusal(missing, ExitCode.USAGE));
    Path empty = Files.createDirectories(work.resolve("empty"));
    assertEquals("gmloss train: --resume " + empty + ": not a run directory (no run.json)",
        refusal(empty, ExitCode.USAGE));
  }

  @Test
  void aRunWhoseCheckpointsWereDeletedSaysSoAndTheCommandItSuggestsStartsItAgain()
      throws IOException {
    Path run = work.resolve("gone");
    String[] original = ResumeTest.train(run, "--epochs", "1");
    assertEquals(ExitCode.OK, TrainCommandTest.run(original).code());
    try (Stream<Path> files = Files.walk(run.resolve(CheckpointStore.DIRECTORY))) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
    String line = refusal(run, ExitCode.FAILED, "--epochs", "2");
    // The original command, its directories named as they are now, and --overwrite.
    List<String> words = new ArrayList<>(Arrays.asList(original).subList(1, original.length));
    int runDir = words.indexOf("--run-dir");
    List<String> directories = new ArrayList<>(words.subList(runDir, runDir + 4));
    words.subList(runDir, runDir + 4).clear();
    String suggestion = "gmloss train " + String.join(" ", words) + " "
        + String.join(" ", directories) + " --overwrite";
    assertEquals("gmloss train: error: " + run + ": the run had done 1 epoch, but it has no"
        + " checkpoint left in " + run.resolve(CheckpointStore.DIRECTORY) + "; nothing to resume"
        + " from. Start it again from step 0: " + suggestion, line);
    TrainCommandTest.Run again = TrainCommandTest.run(suggestion.substring("gmloss ".length())
        .split(" "));
    assertEquals(ExitCode.OK, again.code(), again.err());
  }

  @Test
  void aDamagedNewestCheckpointIsPassedOverForTheOneBefore() throws IOException {
    Path run = copy();
    Path data = latestDirectory(run).resolve("model.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    for (int i = 100; i < bytes.length; i += 997) {
      bytes[i] ^= (byte) 0xff;
    }
    Files.write(data, bytes);
    TrainCommandTest.Run resumed = TrainCommandTest.run("train", "--resume", run.toString(),
        "--epochs", "2");
    assertEquals(ExitCode.OK, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("passed over a damaged checkpoint: " + latestDirectory(run)
        + ": cannot restore the checkpoint: TensorBundle at " + latestDirectory(run)),
        resumed.out());
    assertTrue(resumed.out().contains("resuming from " + run.resolve(CheckpointStore.DIRECTORY)
        .resolve("step-00000008") + ": 0 epochs and 8 steps done"), resumed.out());
  }

  @Test
  void whenNoCheckpointCanBeReadTheRunIsLeftAsItWas() throws IOException {
    Path run = copy();
    List<Path> checkpoints = new CheckpointStore(run, 1).newestFirst().stream()
        .map(c -> c.directory()).toList();
    assertEquals(2, checkpoints.size());
    for (Path checkpoint : checkpoints) {
      Files.delete(checkpoint.resolve("model.index"));
    }
    String line = refusal(run, ExitCode.FAILED, "--epochs", "2");
    assertEquals("gmloss train: error: " + run + ": no checkpoint of the run can be restored: "
        + checkpoints.get(0).resolve("model.index") + ": missing or empty; the checkpoint is"
        + " incomplete; " + checkpoints.get(1).resolve("model.index") + ": missing or empty; the"
        + " checkpoint is incomplete", line);
    for (Path checkpoint : checkpoints) {
      Files.writeString(checkpoint.resolve("state.json"), "{ \"spec\": ");
    }
    assertTrue(refusal(run, ExitCode.FAILED, "--epochs", "2").startsWith("gmloss train: error: "
        + run + ": no checkpoint of the run can be read: " + checkpoints.get(0).resolve(
            "state.json") + ": not a valid checkpoint state"));
  }

  @Test
  void optionsThatFixTheModelCannotChange() throws IOException {
    Path run = copy();
    assertEquals("gmloss train: --depth 14: cannot change when resuming (the run has 8); it"
        + " fixes the model or the batches it sees. Start a new run instead",
        refusal(run, ExitCode.USAGE, "--depth", "14", "--epochs", "2"));
    assertEquals("gmloss train: --batch-size 64: cannot change when resuming (the run has 32);"
        + " it fixes the model or the batches it sees. Start a new run instead",
        refusal(run, ExitCode.USAGE, "--batch-size", "64", "--epochs", "2"));
    assertEquals("gmloss train: --resume " + run + ": the run has done its 1 epoch; pass a"
        + " larger --epochs to train on", refusal(run, ExitCode.USAGE));
  }

  @Test
  void aCheckpointOfAnotherModelIsRefused() throws IOException {
    Path run = copy();
    Path record = run.resolve("run.json");
    Files.writeString(record, Files.readString(record).replace("\"depth\": 8",
        "\"depth\": 14"));
    assertEquals("gmloss train: --resume " + run + ": " + latestDirectory(run) + " holds a"
        + " ResNet-8 gm model (feature pooled, variance none) of 28x28x1 images in 10 classes,"
        + " but the run's options and data make a ResNet-14 gm model (feature pooled, variance"
        + " none) of 28x28x1 images in 10 classes", refusal(run, ExitCode.USAGE, "--epochs", "2"));
  }

  @Test
  void aDivergedRunNamesTheLastGoodCheckpointWhichResumesWithALowerRate() throws IOException {
    Path run = work.resolve("diverged");
    // An epoch at 0.01, then a rate that overflows the weights within two steps.
    TrainCommandTest.Run result = TrainCommandTest.run(ResumeTest.train(run, "--epochs", "2",
        "--warmup-epochs", "1", "--warmup-lr", "0.01", "--lr", "1e30"));
    assertEquals(ExitCode.DIVERGED, result.code(), result.err());
    List<String> lines = result.err().lines().toList();
    assertEquals(1, lines.size(), result.err());
    Path good = run.resolve(CheckpointStore.DIRECTORY).resolve("step-00000016");
    assertTrue(lines.get(0).matches("gmloss train: error: training diverged at step 1[78]"
        + " \\(epoch 2\\): (the loss is (NaN|Infinity)|the weights or batch-norm statistics"
        + " are no longer finite numbers)\\. The newest checkpoint, "
        + Pattern.quote(good.toString()) + ", holds finite weights; continue from it with a"
        + " lower rate: gmloss train --resume " + Pattern.quote(run.toString()) + " --lr"
        + " <lower> \\(if the loss had already grown by then, see train.log, start again"
        + " with a lower --lr instead\\)"), lines.get(0));
    assertTrue(Files.readString(run.resolve("run.json")).contains("\"status\": \"diverged\""));
    assertEquals(good, new CheckpointStore(run, 1).latest().orElseThrow().directory());

    TrainCommandTest.Run resumed = TrainCommandTest.run("train", "--resume", run.toString(),
        "--lr", "0.05");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size());
  }

  @Test
  void weightsThatStopBeingNumbersEndTheRunAsDivergedAndAreNeverCheckpointed()
      throws IOException {
    Path run = work.resolve("overflowing");
    // At rate 30 the loss grows about 50-fold a step and stays finite while the weights and
    // batch-norm statistics overflow: the test pass would be NaN.
    TrainCommandTest.Run result = TrainCommandTest.run(ResumeTest.train(run, "--epochs", "1",
        "--lr", "30", "--warmup-epochs", "0", "--checkpoint-every", "1"));
    assertEquals(ExitCode.DIVERGED, result.code(), result.err());
    assertTrue(result.err().startsWith("gmloss train: error: training diverged at step "),
        result.err());
    assertTrue(Files.readString(run.resolve("run.json")).contains("\"status\": \"diverged\""));
    Checkpoint kept = new CheckpointStore(run, 1).latest().orElseThrow();
    for (Map.Entry<String, float[]> variable : CheckpointWeights.read(kept).entrySet()) {
      for (float value : variable.getValue()) {
        assertTrue(Float.isFinite(value), variable.getKey() + " in " + kept.directory());
      }
    }
  }

  @Test
  void aCheckpointDirectoryThatCannotBeWrittenIsRefusedBeforeTraining() throws IOException {
    Path run = work.resolve("blocked");
    Files.createDirectories(run);
    // An earlier run's directory (it has a record), which --overwrite may write over.
    Files.writeString(run.resolve("run.json"), "{}");
    Files.writeString(run.resolve(CheckpointStore.DIRECTORY), "a file, not a directory");
    TrainCommandTest.Run result = TrainCommandTest.run(ResumeTest.train(run, "--epochs", "1",
        "--overwrite"));
    assertEquals(ExitCode.USAGE, result.code(), result.err());
    assertEquals("gmloss train: --run-dir " + run + ": cannot write checkpoints to "
        + run.resolve(CheckpointStore.DIRECTORY) + ": a file is in the way",
        result.err().lines().findFirst().orElseThrow());
    assertFalse(Files.exists(run.resolve("train.log")), "no training started");
  }

  /**
   * A file-size limit makes the checkpoint's variables file fail to write, as a full disk does:
   * the run stops with one line, the previous checkpoint stays the latest and loads, and the run
   * resumes from it once there is room.
   */
  @Test
  void aDiskThatFillsDuringACheckpointLeavesThePreviousOneIntact() throws Exception {
    Path run = copy();
    Map<String, String> checkpoints = contents(run.resolve(CheckpointStore.DIRECTORY));
    long variables = Files.size(latestDirectory(run).resolve("model.data-00000-of-00001"));
    try (ChildJvm.Running child = ChildJvm.start(Main.class, List.of(), variables / 1024 / 2,
        "train", "--resume", run.toString(), "--epochs", "2")) {
      ChildJvm.Exit exit = child.await(300);
      assertEquals(ExitCode.FAILED, exit.code(), exit.err());
      List<String> lines = exit.err().lines().filter(line -> line.startsWith("gmloss")).toList();
      assertEquals(List.of("gmloss train: error: the checkpoint of step 24 could not be written"
          + " to " + run.resolve(CheckpointStore.DIRECTORY) + ": cannot write the variables: "
          + lines.get(0).substring(lines.get(0).indexOf("variables: ") + 11)), lines);
      assertTrue(lines.get(0).endsWith("; the previous one, " + latestDirectory(run)
          + ", is intact"), lines.get(0));
    }
    assertEquals(checkpoints, contents(run.resolve(CheckpointStore.DIRECTORY)),
        "no partial checkpoint left, the latest unchanged");
    assertTrue(Files.readString(run.resolve("run.json")).contains("\"status\": \"failed\""));
    CheckpointWeights.read(new CheckpointStore(run, 1).latest().orElseThrow());

    ChildJvm.Exit resumed = ChildJvm.run(Main.class, List.of(), 300, "train", "--resume",
        run.toString(), "--epochs", "2");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size());
  }
}
