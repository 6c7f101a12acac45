package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.CheckpointWeights;
import gmloss.ChildJvm;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault test: a small run, checkpointed after every step, killed with SIGKILL at chosen and
 * random moments (before its first checkpoint, while the first checkpoint is written, while it
 * starts, trains or writes a checkpoint, and while it exports the model at the end) and resumed
 * with {@code train --resume} after every kill (or started again, when the kill came before it
 * had a record). Every checkpoint it leaves loads, every resume trains on, and the run ends with
 * the weights, metrics and exported model of a run that was never killed.
 */
@Tag("slow")
class KillResumeFaultTest {

  private static final int EPOCHS = 6;
  /**
   * A random kill comes once the run's latest checkpoint is this many steps past the one it
   * resumed from, at the latest: its delay is wall time, and on a fast machine 5 s are most of
   * the run's 96 steps, which would end the run before the schedule's last kills.
   */
  private static final int RANDOM_KILL_STEPS_AT_MOST = 4;

  @TempDir
  Path work;

  private enum Moment {
    BEFORE_FIRST_CHECKPOINT, WHILE_WRITING_THE_FIRST_CHECKPOINT, RANDOM, AFTER_NEXT_CHECKPOINT,
    WHILE_WRITING_A_CHECKPOINT, WHILE_EXPORTING
  }

  /** The kills in order: the two first moments, cycles of the middle three, the export. */
  private static List<Moment> schedule() {
    List<Moment> moments = new ArrayList<>(List.of(Moment.BEFORE_FIRST_CHECKPOINT,
        Moment.WHILE_WRITING_THE_FIRST_CHECKPOINT));
    for (int cycle = 0; cycle < 6; cycle++) {
      moments.addAll(List.of(Moment.RANDOM, Moment.AFTER_NEXT_CHECKPOINT,
          Moment.WHILE_WRITING_A_CHECKPOINT));
    }
    moments.add(Moment.WHILE_EXPORTING);
    return moments;
  }

  @Test
  void aRunKilledAgainAndAgainEndsAsTheRunThatWasNeverKilled() throws Exception {
    long started = System.nanoTime();
    Path reference = work.resolve("reference");
    ChildJvm.Exit whole = ChildJvm.run(Main.class, List.of(), 300,
        ResumeTest.train(reference, "--epochs", Integer.toString(EPOCHS)));
    assertEquals(0, whole.code(), whole.err());

    Path run = work.resolve("killed");
    CheckpointStore store = new CheckpointStore(run, 1);
    Random random = new Random(2018);
    int killsWhileWriting = 0;
    List<Moment> moments = schedule();
    for (int kill = 0; kill < moments.size(); kill++) {
      Moment moment = moments.get(kill);
      Optional<Checkpoint> before = store.latest();
      List<String> partialsBefore = partials(store);
      String[] args = Files.exists(run.resolve("run.json"))
          ? new String[] {"train", "--resume", run.toString()}
          : ResumeTest.train(run, "--epochs", Integer.toString(EPOCHS), "--checkpoint-every",
              "1");
      try (ChildJvm.Running child = ChildJvm.start(Main.class, List.of(), 0, args)) {
        awaitMoment(moment, run, before.map(KillResumeFaultTest::steps).orElse(0L), child,
            random);
        if (!child.process().isAlive()) {
          throw new AssertionError("kill " + (kill + 1) + " (" + moment + "): the run ended by"
              + " itself:\n" + describe(child.await(10)));
        }
        child.process().destroyForcibly().waitFor();
      }
      boolean whileWriting = !partialsBefore.containsAll(partials(store));
      if (whileWriting) {
        killsWhileWriting++;
      }
      System.out.printf("kill %2d %-34s at step %3d%s%n", kill + 1, moment, newestStep(run),
          whileWriting ? ", checkpoint half-written" : "");
      Optional<Checkpoint> latest = store.latest();
      if (latest.isPresent()) {
        assertTrue(steps(latest.get()) >= before.map(KillResumeFaultTest::steps).orElse(0L));
        CheckpointWeights.read(latest.get());
      }
    }
    ChildJvm.Exit last = ChildJvm.run(Main.class, List.of(), 300, "train", "--resume",
        run.toString());
    assertEquals(0, last.code(), last.err());

    ResumeTest.assertSameRun(reference, run, EPOCHS);
    assertTrue(killsWhileWriting >= 2, "kills while a checkpoint was written: "
        + killsWhileWriting);
    assertTrue(last.out().contains("model is not in"), "the last kill came before the export");
    assertTrue(Files.isRegularFile(exportDir(run).resolve("saved_model.pb")));
    try (Stream<Path> siblings = Files.list(work)) {
      assertEquals(List.of(), siblings.map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith(".")).toList(), "no half-written export left");
    }
    System.out.printf("fault test: %d kills, %d while a checkpoint was being written, %.0f s%n",
        moments.size(), killsWhileWriting, (System.nanoTime() - started) / 1e9);
  }

  private static Path exportDir(Path run) {
    return run.resolveSibling(run.getFileName() + "-model");
  }

  /** Returns at the chosen moment of the child's life, or when it has ended. */
  private static void awaitMoment(Moment moment, Path run, long stepsBefore,
      ChildJvm.Running child, Random random) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    // While the JVM, TensorFlow and the data load, the checkpoint is restored, or it trains.
    long wakeUp = System.nanoTime() + random.nextInt(5000) * 1_000_000L;
    while (child.process().isAlive() && System.nanoTime() < deadline) {
      switch (moment) {
        case BEFORE_FIRST_CHECKPOINT -> {
          if (Files.exists(run.resolve("run.json"))) {
            assertEquals(0, newestStep(run), "a checkpoint came before the kill");
            return;
          }
        }
        case WHILE_WRITING_THE_FIRST_CHECKPOINT -> {
          if (newestStep(run) == 0 && !partials(new CheckpointStore(run, 1)).isEmpty()) {
            return;
          }
        }
        case RANDOM -> {
          if (System.nanoTime() >= wakeUp
              || latestStep(run) >= stepsBefore + RANDOM_KILL_STEPS_AT_MOST) {
            return;
          }
        }
        case AFTER_NEXT_CHECKPOINT -> {
          if (newestStep(run) > stepsBefore) {
            Thread.sleep(random.nextInt(40));
            return;
          }
        }
        case WHILE_WRITING_A_CHECKPOINT -> {
          if (newestStep(run) > stepsBefore && !partials(new CheckpointStore(run, 1)).isEmpty()) {
            return;
          }
        }
        case WHILE_EXPORTING -> {
          if (exportStaging(run)) {
            return;
          }
        }
      }
      Thread.sleep(1);
    }
  }

  /** Whether an export of the run's model is being written (its hidden staging directory). */
  private static boolean exportStaging(Path run) throws IOException {
    try (Stream<Path> siblings = Files.list(run.getParent())) {
      return siblings.anyMatch(p -> p.getFileName().toString()
          .startsWith("." + exportDir(run).getFileName() + ".partial-"));
    }
  }

  private static String describe(ChildJvm.Exit exit) {
    return "exit code " + exit.code() + "\n" + exit.out() + exit.err();
  }

  private static long steps(Checkpoint checkpoint) {
    String name = checkpoint.directory().getFileName().toString();
    return Long.parseLong(name.substring(name.indexOf('-') + 1));
  }

  /** Steps of the checkpoint the run's {@code latest} names, 0 if none. */
  private static long latestStep(Path run) throws IOException {
    return new CheckpointStore(run, 1).latest().map(KillResumeFaultTest::steps).orElse(0L);
  }

  /** Steps of the newest complete checkpoint on disk, 0 if none. */
  private static long newestStep(Path run) throws IOException {
    List<Long> steps = new ArrayList<>();
    Path directory = run.resolve(CheckpointStore.DIRECTORY);
    if (Files.isDirectory(directory)) {
      try (Stream<Path> entries = Files.list(directory)) {
        entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("step-\\d+"))
            .forEach(n -> steps.add(Long.parseLong(n.substring(5))));
      }
    }
    return steps.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** Checkpoints being written, or left half-written by a kill. */
  private static List<String> partials(CheckpointStore store) throws IOException {
    if (!Files.isDirectory(store.directory())) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(store.directory())) {
      return entries.map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith(".partial-step")).toList();
    }
  }
}
