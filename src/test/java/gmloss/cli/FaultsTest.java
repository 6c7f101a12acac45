package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.ChildJvm;
import gmloss.data.DataFixtures;
import gmloss.export.ModelCard;
import gmloss.train.CheckpointStore;
import gmloss.train.TensorBoard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults and bad inputs as a user meets them, each checked by its exit code, the first line it
 * prints and what it leaves on disk; where a message suggests a command, the test runs it.
 */
@Tag("slow")
class FaultsTest {

  private static final Path BOOTS = Path.of("src/test/resources/gmloss/data/images");
  private static final Path FASHION_MODEL = Path.of("savedmodels/fashion-mnist-gm-resnet20");

  @TempDir
  Path work;

  private static String firstLine(TrainCommandTest.Run run) {
    return run.err().lines().findFirst().orElse("");
  }

  private static boolean exists(Path path) {
    return Files.exists(path);
  }

  @Test
  void aRunKilledBeforeItsFirstCheckpointResumesFromStepZeroAndASecondWriterIsRefused()
      throws Exception {
    Path run = work.resolve("run");
    // One epoch of 12,800 images with no checkpoint before its end: long enough to act within,
    // on the smallest ResNet, since the test is about the run's files, not its network.
    String[] start = {"train", "--train-limit", "12800", "--test-limit", "200", "--epochs", "1",
        "--depth", "8", "--threads", "1", "--run-dir", run.toString()};
    try (ChildJvm.Running child = ChildJvm.start(Main.class, List.of(), 0, start)) {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!exists(run.resolve("run.json")) && child.process().isAlive()) {
        assertTrue(System.nanoTime() < deadline, "no run.json");
        Thread.sleep(20);
      }
      TrainCommandTest.Run second = TrainCommandTest.run("train", "--resume", run.toString());
      assertEquals(ExitCode.FAILED, second.code(), second.err());
      assertEquals("gmloss train: error: " + run + ": another gmloss process (pid "
          + child.process().pid() + ") is writing this run; wait for it to end, or stop it"
          + " first", firstLine(second));
      assertTrue(child.process().isAlive(), "killed before its first checkpoint");
      child.process().destroyForcibly().waitFor();
    }
    assertTrue(new CheckpointStore(run, 1).newestFirst().isEmpty(), "no checkpoint yet");
    TrainCommandTest.Run again = TrainCommandTest.run(start);
    assertEquals(ExitCode.USAGE, again.code());
    assertEquals("gmloss train: --run-dir " + run + ": already holds a run; pass --overwrite to"
        + " write over it, or --resume it", firstLine(again));

    TrainCommandTest.Run resumed = TrainCommandTest.run("train", "--resume", run.toString());
    assertEquals(ExitCode.OK, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("the run stopped before its first checkpoint: starting it"
        + " again from step 0 with its recorded options"), resumed.out());
    assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size(), "header, one epoch");
    try (Stream<Path> events = Files.list(run.resolve(TensorBoard.DIRECTORY))) {
      assertEquals(1, events.count(), "one event file: the steps do not overlap");
    }
    String log = Files.readString(run.resolve("train.log"));
    assertEquals(1, log.split("epoch   1/1", -1).length - 1, log);
    assertTrue(Files.readString(run.resolve("run.json")).contains("\"status\": \"finished\""));
  }

  @Test
  void overlappingRunAndExportDirectoriesAreRefusedBeforeAnythingIsWritten() {
    Path run = work.resolve("x");
    TrainCommandTest.Run same = TrainCommandTest.run("train", "--run-dir", run.toString(),
        "--export-dir", run.toString(), "--overwrite");
    assertEquals(ExitCode.USAGE, same.code());
    assertEquals("gmloss train: --export-dir " + run + ": is the run directory; writing the model"
        + " there would remove the run. Give another directory", firstLine(same));
    TrainCommandTest.Run around = TrainCommandTest.run("train", "--run-dir",
        work.resolve("p/run").toString(), "--export-dir", work.resolve("p").toString(),
        "--overwrite");
    assertEquals(ExitCode.USAGE, around.code());
    assertEquals("gmloss train: --export-dir " + work.resolve("p") + ": holds the run directory "
        + work.resolve("p/run") + "; writing the model there would remove the run. Give another"
        + " directory", firstLine(around));
    assertFalse(exists(run));
    assertFalse(exists(work.resolve("p")));
  }

  @Test
  void overwriteRemovesOnlyWhatGmlossWrote() throws IOException {
    Path run = work.resolve("run");
    Path data = DataFixtures.tinyMnist(work);
    List<String> args = List.of("train", "--dataset", "mnist", "--data-dir", data.toString(),
        "--epochs", "1", "--warmup-epochs", "0", "--run-dir", run.toString());
    assertEquals(ExitCode.OK, TrainCommandTest.run(args.toArray(String[]::new)).code());
    Files.writeString(run.resolve("notes.txt"), "mine");
    List<String> again = new ArrayList<>(args);
    again.add("--overwrite");
    TrainCommandTest.Run overwritten = TrainCommandTest.run(again.toArray(String[]::new));
    assertEquals(ExitCode.OK, overwritten.code(), overwritten.err());
    assertEquals("mine", Files.readString(run.resolve("notes.txt")));
    assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size());

    Path foreign = Files.createDirectories(work.resolve("photos"));
    Files.writeString(foreign.resolve("holiday.jpg"), "not a model");
    List<String> intoPhotos = new ArrayList<>(again);
    intoPhotos.addAll(List.of("--export-dir", foreign.toString()));
    TrainCommandTest.Run refused = TrainCommandTest.run(intoPhotos.toArray(String[]::new));
    assertEquals(ExitCode.USAGE, refused.code());
    assertEquals("gmloss train: --export-dir " + foreign + ": holds files that are not a gmloss"
        + " SavedModel; not replacing it. Give another directory", firstLine(refused));
    assertEquals("not a model", Files.readString(foreign.resolve("holiday.jpg")));
  }

  @Test
  void pathsThatCannotBeWrittenAreRefusedBeforeAnyWork() throws IOException {
    Path file = Files.writeString(work.resolve("file"), "a file");
    TrainCommandTest.Run runDir = TrainCommandTest.run("train", "--run-dir", file.toString());
    assertEquals(ExitCode.USAGE, runDir.code());
    assertEquals("gmloss train: --run-dir " + file + ": is a file, not a directory",
        firstLine(runDir));
    TrainCommandTest.Run exportDir = TrainCommandTest.run("train", "--run-dir",
        work.resolve("run").toString(), "--export-dir", file.resolve("model").toString());
    assertEquals(ExitCode.USAGE, exportDir.code());
    assertEquals("gmloss train: --export-dir " + file.resolve("model") + ": cannot be written: "
        + file.toAbsolutePath() + " is a file", firstLine(exportDir));
    assertFalse(exists(work.resolve("run")));
    TrainCommandTest.Run csv = TrainCommandTest.run("evaluate", "--model",
        FASHION_MODEL.toString(), "--csv", file.resolve("m.csv").toString());
    assertEquals(ExitCode.USAGE, csv.code());
    assertEquals("gmloss evaluate: --csv " + file.resolve("m.csv") + ": cannot be written: "
        + file.toAbsolutePath() + " is a file", firstLine(csv));
    TrainCommandTest.Run plot = TrainCommandTest.run("detect", "--model",
        FASHION_MODEL.toString(), "--plot", file.resolve("figures").toString());
    assertEquals(ExitCode.USAGE, plot.code());
    assertTrue(firstLine(plot).startsWith("gmloss detect: --plot " + file.resolve("figures")
        + ": cannot be written"), firstLine(plot));
  }

  @Test
  void anOptionGivenTwiceIsRefused() {
    TrainCommandTest.Run twice = TrainCommandTest.run("train", "--batch-size", "32",
        "--batch-size", "abc");
    assertEquals(ExitCode.USAGE, twice.code());
    assertEquals("gmloss train: --batch-size is given 2 times (32, abc); give it once",
        firstLine(twice));
  }

  @Test
  void anEmptyClassFolderIsRefused() throws Exception {
    Path data = work.resolve("folder");
    for (String split : List.of("train", "test")) {
      Files.createDirectories(data.resolve(split).resolve("boot"));
      Files.copy(BOOTS.resolve("grey8.png"), data.resolve(split).resolve("boot/a.png"));
      Files.createDirectories(data.resolve(split).resolve("sandal"));
    }
    TrainCommandTest.Run run = TrainCommandTest.run("train", "--dataset", "folder", "--data-dir",
        data.toString(), "--run-dir", work.resolve("run").toString());
    assertEquals(ExitCode.FAILED, run.code());
    assertEquals("gmloss train: error: " + data.resolve("train/sandal") + ": no .png or .jpg"
        + " images; every class folder needs some (remove the folder to drop the class)",
        firstLine(run));
  }

  @Test
  void damagedModelsAndMetricsAreNamed() throws IOException {
    Path model = copyOf(FASHION_MODEL, work.resolve("model"));
    Files.writeString(model.resolve(ModelCard.FILE_NAME), "");
    TrainCommandTest.Run emptyCard = TrainCommandTest.run("evaluate", "--model",
        model.toString());
    assertEquals(ExitCode.FAILED, emptyCard.code());
    assertEquals("gmloss evaluate: error: " + model.resolve(ModelCard.FILE_NAME) + ": not a"
        + " valid model card: empty", firstLine(emptyCard));

    Path truncated = copyOf(FASHION_MODEL, work.resolve("truncated"));
    Path variables = truncated.resolve("variables/variables.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(variables);
    Files.write(variables, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    TrainCommandTest.Run cut = TrainCommandTest.run("evaluate", "--model",
        truncated.toString());
    assertEquals(ExitCode.FAILED, cut.code());
    assertTrue(firstLine(cut).startsWith("gmloss evaluate: error: " + truncated + ": cannot"
        + " load the SavedModel: "), firstLine(cut));

    Path run = Files.createDirectories(work.resolve("run"));
    Files.write(run.resolve("metrics.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    TrainCommandTest.Run binary = TrainCommandTest.run("plot", "--run-dir", run.toString());
    assertEquals(ExitCode.FAILED, binary.code());
    assertEquals("gmloss plot: error: " + run.resolve("metrics.csv") + ": not a text file (not"
        + " UTF-8); is it a metrics.csv that gmloss wrote?", firstLine(binary));
  }

  @Test
  void aBootIsABootInEveryColourModelAndBitDepth() {
    List<String> files = new ArrayList<>(List.of("--model", FASHION_MODEL.toString()));
    for (String name : List.of("grey8.png", "grey16.png", "palette.png", "rgb.png", "rgba.png",
        "grey-alpha.png", "grey.jpg", "rgb.jpg")) {
      files.add(BOOTS.resolve(name).toString());
    }
    files.add(0, "predict");
    files.add(1, "--top");
    files.add(2, "1");
    TrainCommandTest.Run run = TrainCommandTest.run(files.toArray(String[]::new));
    assertEquals(ExitCode.OK, run.code(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(8, lines.size(), run.out());
    for (String line : lines) {
      assertTrue(line.contains(": Ankle boot "), line);
    }
  }

  private static Path copyOf(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path path : files.toList()) {
        Files.copy(path, target.resolve(source.relativize(path).toString()));
      }
    }
    return target;
  }
}
