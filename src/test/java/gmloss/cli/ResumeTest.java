package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.CheckpointWeights;
import gmloss.ChildJvm;
import gmloss.export.ModelCard;
import gmloss.runtime.Cpu;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopped run continues exactly: stopped by SIGTERM in the middle of an epoch and resumed, or
 * finished and extended, it ends with the weights and the metrics of the run that was never
 * interrupted, up to round-off (TensorFlow's kernels are not bit-for-bit repeatable, see
 * DeterminismTest).
 */
@Tag("slow")
class ResumeTest {

  /** 512 training images in batches of 32. */
  static final int STEPS_PER_EPOCH = 16;
  static final List<String> TINY = List.of("--train-limit", "512", "--test-limit", "256",
      "--batch-size", "32", "--depth", "8", "--threads", "1", "--seed", "7");
  @TempDir
  Path work;

  static String[] train(Path runDir, String... more) {
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(TINY);
    args.addAll(List.of("--run-dir", runDir.toString(), "--export-dir",
        runDir.resolveSibling(runDir.getFileName() + "-model").toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  static Checkpoint latest(Path runDir) throws IOException {
    return new CheckpointStore(runDir, 1).latest().orElseThrow();
  }

  @Test
  void aRunStoppedBySigtermMidEpochAndResumedEqualsTheUninterruptedRun() throws Exception {
    Path reference = work.resolve("reference");
    ChildJvm.Exit whole = ChildJvm.run(Main.class, List.of(), 300,
        train(reference, "--epochs", "3"));
    assertEquals(0, whole.code(), whole.err());

    Path run = work.resolve("stopped");
    try (ChildJvm.Running child = ChildJvm.start(Main.class, List.of(), 0,
        train(run, "--epochs", "3", "--checkpoint-every", "2"))) {
      awaitCheckpointAfter(run, STEPS_PER_EPOCH + 2, child.process());
      child.process().destroy();
      ChildJvm.Exit stopped = child.await(120);
      assertEquals(143, stopped.code(), "exit code of SIGTERM\n" + stopped.err());
      assertTrue(stopped.out().contains("resume with: gmloss train --resume " + run),
          stopped.out());
    }
    assertTrue(Files.readString(run.resolve("run.json")).contains("\"status\": \"stopped\""));
    long stoppedAt = latest(run).readState().iterations();
    assertTrue(stoppedAt > STEPS_PER_EPOCH && stoppedAt % STEPS_PER_EPOCH != 0,
        "stopped in the middle of an epoch, at step " + stoppedAt);

    ChildJvm.Exit resumed = ChildJvm.run(Main.class, List.of(), 300, "train", "--resume",
        run.toString());
    assertEquals(0, resumed.code(), resumed.err());

    assertSameRun(reference, run, 3);
    String log = Files.readString(run.resolve("train.log"));
    assertEquals(1, count(log, "stopped by a signal after step " + stoppedAt), log);
    assertEquals(1, count(log, "resuming from " + run.resolve("checkpoints")), log);
    assertEquals(2, count(log, "machine: " + Cpu.read().orElseThrow().describe() + "\n"),
        "each invocation names the machine its speeds are measured on\n" + log);
    assertTrue(Files.readString(run.resolve("run.json")).contains("\"status\": \"finished\""));
    assertEquals(1, ModelCard.read(run.resolveSibling("stopped-model")).resumes());
    assertEquals(0, ModelCard.read(reference.resolveSibling("reference-model")).resumes());
  }

  @Test
  void sigintStopsAfterTheStepWithACheckpointAndExitCode130() throws Exception {
    Path run = work.resolve("interrupted");
    try (ChildJvm.Running child = ChildJvm.start(Main.class, List.of(), 0,
        train(run, "--epochs", "3", "--checkpoint-every", "4"))) {
      awaitCheckpointAfter(run, 4, child.process());
      new ProcessBuilder("kill", "-INT", Long.toString(child.process().pid())).start()
          .waitFor();
      ChildJvm.Exit stopped = child.await(120);
      assertEquals(130, stopped.code(), "exit code of SIGINT\n" + stopped.err());
      long step = latest(run).readState().iterations();
      assertTrue(stopped.out().contains("stopped by a signal after step " + step + " "),
          stopped.out());
      assertTrue(stopped.out().contains("resume with: gmloss train --resume " + run),
          stopped.out());
    }
  }

  @Test
  void aFinishedRunExtendedWithMoreEpochsEqualsTheLongerRun() throws Exception {
    // Step decay at an absolute epoch and a warm-up shorter than either run: the schedule does
    // not depend on --epochs.
    String[] schedule = {"--lr-schedule", "step", "--lr-steps", "1.5", "--warmup-epochs", "0.5"};
    Path reference = work.resolve("two-epochs");
    assertEquals(0, Main.run(concat(train(reference, "--epochs", "2"), schedule),
        TrainCommandTest.quiet(), System.err));

    Path run = work.resolve("extended");
    assertEquals(0, Main.run(concat(train(run, "--epochs", "1"), schedule),
        TrainCommandTest.quiet(), System.err));
    assertEquals(0, Main.run(new String[] {"train", "--resume", run.toString(), "--epochs",
        "2"}, TrainCommandTest.quiet(), System.err));

    assertSameRun(reference, run, 2);
    assertTrue(Files.readString(run.resolve("train.log"))
        .contains("changed: --epochs 2 (was 1)"));
  }

  /**
   * The same weights bit for bit, the same metrics row for row (but the columns that measure
   * time), each epoch logged once: a same-seed run is deterministic (DeterminismTest), so a
   * resume that replays one batch wrongly, or loses the momentum, shows.
   */
  static void assertSameRun(Path reference, Path run, int epochs) throws IOException {
    double difference = CheckpointWeights.relativeDifference(
        CheckpointWeights.read(latest(reference)), CheckpointWeights.read(latest(run)));
    System.out.printf("resume of %s: weights differ from %s by %.3g (relative)%n",
        run.getFileName(), reference.getFileName(), difference);
    assertEquals(0.0, difference, "weights differ by " + difference);
    assertEquals(epochs * STEPS_PER_EPOCH, latest(run).readState().iterations());

    List<String[]> expected = rows(reference);
    List<String[]> actual = rows(run);
    assertEquals(epochs, expected.size());
    assertEquals(epochs, actual.size(), "one row per epoch, none twice");
    for (int r = 0; r < epochs; r++) {
      String[] e = expected.get(r);
      String[] a = actual.get(r);
      // epoch, lr, alpha, lambda, train loss, likelihood, accuracy, test loss, accuracy
      for (int c = 0; c < 9; c++) {
        assertEquals(e[c], a[c], "row " + (r + 1) + " column " + c);
      }
    }
    String log = Files.readString(run.resolve("train.log"));
    for (int epoch = 1; epoch <= epochs; epoch++) {
      assertEquals(1, count(log, String.format("epoch %3d/", epoch)), log);
    }
  }

  static List<String[]> rows(Path runDir) throws IOException {
    List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"));
    return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
  }

  static int count(String text, String part) {
    return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
  }

  /** Waits until the run has a checkpoint of at least {@code step} steps. */
  static void awaitCheckpointAfter(Path runDir, long step, Process child) throws Exception {
    Pattern name = Pattern.compile("step-(\\d+)");
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline && child.isAlive()) {
      Path directory = runDir.resolve(CheckpointStore.DIRECTORY);
      if (Files.isDirectory(directory)) {
        try (Stream<Path> entries = Files.list(directory)) {
          if (entries.map(p -> name.matcher(p.getFileName().toString()))
              .filter(Matcher::matches).anyMatch(m -> Long.parseLong(m.group(1)) >= step)) {
            return;
          }
        }
      }
      Thread.sleep(2);
    }
    throw new AssertionError("no checkpoint of step " + step + " appeared");
  }

  static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
