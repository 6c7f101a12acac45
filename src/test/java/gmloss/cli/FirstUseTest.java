package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.data.DataFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user meets: guards on the defaults and errors that say what to do. */
class FirstUseTest {

  @TempDir
  Path dir;

  private static String firstLine(TrainCommandTest.Run run) {
    return run.err().lines().findFirst().orElse("");
  }

  @Test
  void aMistypedCommandGetsTheNearestOne() {
    TrainCommandTest.Run run = TrainCommandTest.run("trian", "--epochs", "1");
    assertEquals(ExitCode.USAGE, run.code());
    assertEquals("gmloss: unknown command 'trian' (did you mean train?)", firstLine(run));
  }

  @Test
  void aMissingImageIsCalledMissing() {
    Path missing = dir.resolve("boot.png");
    TrainCommandTest.Run run = TrainCommandTest.run("predict", "--model",
        "savedmodels/fashion-mnist-gm-resnet20", missing.toString());
    assertEquals(ExitCode.FAILED, run.code());
    assertEquals("gmloss predict: error: " + missing + ": no such file", firstLine(run));
  }

  @Test
  void aFolderModelWithoutItsFolderSaysWhatToPass() {
    TrainCommandTest.Run run = TrainCommandTest.run("evaluate", "--model",
        "savedmodels/cifar10-gm-resnet20");
    assertEquals(ExitCode.USAGE, run.code());
    assertTrue(firstLine(run).startsWith("gmloss evaluate: --data-dir is required for folder:"
        + " pass --data-dir DIR holding"), firstLine(run));
    assertTrue(firstLine(run).endsWith("the model was trained on image folders"
        + " (folder:cifar10-jpeg), or question it on a dataset gmloss reads itself with"
        + " --dataset fashion-mnist|mnist|cifar10|cifar100 once gmloss download has fetched it"),
        firstLine(run));
  }

  @Test
  void aWarmUpGivenForTheWholeRunIsRefused() throws IOException {
    TrainCommandTest.Run run = tinyRun("--epochs", "2", "--warmup-epochs", "2", "--run-dir",
        dir.resolve("run").toString());
    assertEquals(ExitCode.USAGE, run.code());
    assertEquals("gmloss train: --warmup-epochs 2: covers the whole run of 2 epochs, so the"
        + " rate would never decay; give a warm-up shorter than --epochs", firstLine(run));
    assertFalse(Files.exists(dir.resolve("run")));
  }

  @Test
  void theDefaultWarmUpIsShortenedForAOneEpochRunAndTheModelGoesIntoTheRun()
      throws IOException {
    List<String> before = savedModels();
    Path runDir = dir.resolve("run");
    TrainCommandTest.Run run = tinyRun("--epochs", "1", "--run-dir", runDir.toString());
    assertEquals(ExitCode.OK, run.code(), run.err());
    assertTrue(run.out().contains("warm-up: the default of 1 epoch would cover the whole run"
        + " of 1 epoch; warming up over 0.1 epochs instead (--warmup-epochs chooses)"),
        run.out());
    assertTrue(run.out().contains("schedule: 1 epoch of batch"), run.out());
    assertTrue(run.out().contains("lr 0.1 after a linear warm-up of 0.1 epochs, cosine to 0 at"
        + " epoch 1"), run.out());
    assertTrue(Files.isRegularFile(runDir.resolve("model").resolve("saved_model.pb")));
    assertTrue(run.out().contains("SavedModel in " + runDir.resolve("model")), run.out());
    assertEquals(before, savedModels(), "savedmodels/ holds only the committed models");
  }

  private static List<String> savedModels() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of("savedmodels"))) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** {@code train} on 256 generated MNIST-shaped images (two batches), 64 for testing. */
  private TrainCommandTest.Run tinyRun(String... options) throws IOException {
    Path data = DataFixtures.tinyMnist(dir);
    List<String> args = new ArrayList<>(List.of("train", "--dataset", "mnist", "--data-dir",
        data.toString(), "--train-limit", "256"));
    args.addAll(List.of(options));
    return TrainCommandTest.run(args.toArray(String[]::new));
  }
}
