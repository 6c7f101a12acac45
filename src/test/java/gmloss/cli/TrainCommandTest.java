package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.data.DataFixtures;
import gmloss.options.NearestName;
import gmloss.options.OptionSpecs;
import gmloss.run.TrainOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainCommandTest {

  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** Output that no one reads. */
  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void helpFitsEightyColumnsWithTheListsIndentedUnderTheirText() {
    String help = new TrainCommand().help(80);
    for (String line : help.split("\n")) {
      assertTrue(line.length() <= 80, line.length() + ": " + line);
    }
    assertTrue(help.contains("\n  tf-demo: alpha 0.1, lambda 0.01 fixed (TensorFlow demo),"
        + " Nesterov 0.9, wd\n      5e-4, Glorot-uniform means\n"), help);
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    Run help = run("train", "--help");
    assertEquals(0, help.code());
    // A long default may wrap onto the next line of the help.
    String words = help.out().replaceAll("\\s+", " ");
    for (OptionSpecs.Entry entry : TrainOptionHelp.SPECS.entries().values()) {
      assertTrue(help.out().contains("--" + entry.name()), entry.name());
      if (entry.defaultValue() != null) {
        assertTrue(words.contains("(default: " + entry.defaultValue() + ")"),
            entry.name() + " default");
      }
    }
  }

  @Test
  void helpMarksTheOptionsAResumeCannotChange() {
    String words = run("train", "--help").out().replaceAll("\\s+", " ");
    for (OptionSpecs.Entry entry : TrainOptions.SPECS.entries().values()) {
      assertEquals(entry.fixed(), TrainOptionHelp.SPECS.entries().get(entry.name()).description()
          .endsWith(TrainOptionHelp.FIXED_NOTE), entry.name());
    }
    assertTrue(words.contains("--depth <D> ResNet depth, 6n+2: 20, 32, 44, 56, 110; fixed for"
        + " the life of a run (default: 20)"), words);
    assertTrue(words.contains("--epochs <N> training epochs (default: 6)"), words);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      "--bogus 1                  # gmloss train: --bogus: unknown option",
      "--epochs                   # gmloss train: --epochs: needs a value (N)",
      "--lr -0.1                  # gmloss train: --lr -0.1: must be >= 0",
      "--lr 0                     # gmloss train: --lr 0: must be > 0",
      "--alpha -1                 # gmloss train: --alpha -1: must be >= 0",
      "--depth 21                 # gmloss train: --depth 21: must be 6n+2 (20, 32, 44, 56, 110, ...)",
      "--dataset svhn             # gmloss train: --dataset svhn: unknown dataset, expected one of"
          + " fashion-mnist|mnist|cifar10|cifar100|folder",
      "--dataset cifar10 --data-home /no/home # gmloss train: --dataset cifar10: not found in"
          + " /no/home/cifar10; fetch it with: gmloss download cifar10 --data-home /no/home",
      "--dataset folder           # gmloss train: --data-dir is required for folder: pass"
          + " --data-dir DIR holding DIR/train/<class>/*.png|jpg and DIR/test/<class>/*.png|jpg",
      "--data-dir /no/such/dir    # gmloss train: --data-dir /no/such/dir: directory not found;"
          + " install the Debian package (sudo apt-get install dataset-fashion-mnist) or run gmloss"
          + " download fashion-mnist",
      "--loss hinge               # gmloss train: --loss hinge: expected one of gm|softmax|center",
      "--epochs 0                 # gmloss train: --epochs 0: must be between 1 and 100000",
      "--epochs 99999999999       # gmloss train: --epochs 99999999999: must be between 1 and"
          + " 100000",
      "--seed 99999999999999999999 # gmloss train: --seed 99999999999999999999: too large, at"
          + " most 9223372036854775807",
      "--seed 1e3                 # gmloss train: --seed 1e3: not an integer",
      "--alpha-schedule ramp:0    # gmloss train: --alpha-schedule 'ramp:0': ramp needs epochs > 0"
          + " and a start fraction in [0, 1]",
      "--lr-steps 5,x             # gmloss train: --lr-steps 5,x: 'x' is not an epoch or a"
          + " percentage",
      "--nesterov maybe           # gmloss train: --nesterov maybe: expected true or false",
      "--gm-likelihood exact      # gmloss train: --gm-likelihood exact: expected one of"
          + " caffe|paper",
      "--loss softmax --gm-likelihood paper # gmloss train: --gm-likelihood paper: an option"
          + " of --loss gm, not of --loss softmax",
      "extra                      # gmloss train: unexpected argument 'extra'",
      "--epoch 3                  # gmloss train: --epoch: unknown option (did you mean"
          + " --epochs?)",
      "--learning-rate 0.1        # gmloss train: --learning-rate: unknown option"})
  void invalidCommandLinesPrintOneLineAndUsageAndExitTwo(String args, String message) {
    Run result = run(prepend("train", args.trim().split(" ")));
    assertEquals(2, result.code(), result.err());
    List<String> lines = result.err().lines().toList();
    assertEquals(message, lines.get(0));
    assertEquals("usage: gmloss train [options]   (--help lists them)", lines.get(1));
    assertEquals(2, lines.size());
  }

  @Test
  void versionNamesTheProjectAndTensorFlowJava() {
    Run version = run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("gmloss 0.1.0 (TensorFlow-Java 1.1.0, Java "),
        version.out());
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(1, NearestName.editDistance("lr-step", "lr-steps"));
    assertEquals(1, NearestName.editDistance("sead", "seed"));
    assertEquals(2, NearestName.editDistance("dpeth", "depth"));
    assertEquals(0, NearestName.editDistance("lr", "lr"));
    assertEquals(3, NearestName.editDistance("", "abc"));
  }

  @Test
  void unknownCommandExitsTwo() {
    Run result = run("fly");
    assertEquals(2, result.code());
    assertTrue(result.err().startsWith("gmloss: unknown command 'fly'"));
  }

  @Test
  void badDataFileGivesOneLineAndExitOneWithoutStackTrace() throws IOException {
    writeMnistWithBadLabel();
    Run result = run("train", "--dataset", "mnist", "--data-dir", dir.toString(),
        "--run-dir", dir.resolve("run").toString());
    assertEquals(1, result.code());
    assertEquals(List.of("gmloss train: error: " + dir.resolve("t10k-labels-idx1-ubyte")
        + ": label 42 of record 0 is outside 0..9"), result.err().lines().toList());
    assertFalse(Files.exists(dir.resolve("run")), "nothing is written for a bad file");

    Run verbose = run("train", "--dataset", "mnist", "--data-dir", dir.toString(),
        "--verbose");
    assertEquals(1, verbose.code());
    assertTrue(verbose.err().contains("at gmloss.data."), verbose.err());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      "export-dir # run-dir    # already exists; pass --overwrite to replace it",
      "run-dir    # export-dir # holds files but no gmloss run (no run.json); give a new or empty"
          + " directory"})
  void existingOutputDirectoryIsRefusedBeforeTraining(String option, String otherOption,
      String problem) throws IOException {
    Path existing = Files.createDirectories(dir.resolve("existing"));
    Files.writeString(existing.resolve("keep.txt"), "precious");
    Path other = dir.resolve("other");
    Run result = trainOnTinyMnist("--" + option, existing.toString(), "--" + otherOption,
        other.toString());
    assertEquals(2, result.code());
    assertEquals("gmloss train: --" + option + " " + existing + ": " + problem,
        result.err().lines().findFirst().orElseThrow());
    assertEquals("precious", Files.readString(existing.resolve("keep.txt")));
    assertFalse(Files.exists(other), "nothing is written to --" + otherOption);
  }

  @Test
  void overwriteWritesOnlyOverARunNeverOverAFolderOfOtherFiles() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(folder.resolve("metrics.csv"), "my own numbers");
    Files.createDirectories(folder.resolve("checkpoints"));
    Run result = trainOnTinyMnist("--run-dir", folder.toString(), "--overwrite");
    assertEquals(2, result.code());
    assertEquals("gmloss train: --run-dir " + folder + ": holds files but no gmloss run (no"
        + " run.json); give a new or empty directory",
        result.err().lines().findFirst().orElseThrow());
    assertEquals("my own numbers", Files.readString(folder.resolve("metrics.csv")));
    assertTrue(Files.isDirectory(folder.resolve("checkpoints")));
  }

  @Test
  void runningACommandAgainIsToldOfItsRunNotOfTheModelInside() throws IOException {
    String[] command = {"--run-dir", dir.resolve("again").toString(), "--batch-size", "4",
        "--depth", "8", "--epochs", "1", "--threads", "1"};
    Path run = dir.resolve("again");
    Run first = trainOnTinyMnist(command);
    assertEquals(0, first.code(), first.err());
    Run again = trainOnTinyMnist(command);
    assertEquals(2, again.code());
    assertEquals("gmloss train: --run-dir " + run + ": already holds a run; pass --overwrite to"
        + " write over it, or --resume it", again.err().lines().findFirst().orElseThrow());
  }

  @Test
  void gpuRequestWithoutGpuFailsAtStart() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeFalse(gmloss.train.Device.gpuAvailable(),
        "this machine has a GPU");
    Run result = trainOnTinyMnist("--device", "gpu", "--run-dir", dir.resolve("run").toString());
    assertEquals(1, result.code());
    assertTrue(result.err().startsWith("gmloss train: error: --device gpu: TensorFlow sees no"
        + " GPU"), result.err());
    assertFalse(Files.exists(dir.resolve("run")));
  }

  /** Writes four gzipped MNIST-shaped images per split and runs {@code train} on them. */
  private Run trainOnTinyMnist(String... options) throws IOException {
    DataFixtures.writeIdxPair(dir, "train", 4, 28, 28, 10, true);
    DataFixtures.writeIdxPair(dir, "t10k", 4, 28, 28, 10, true);
    List<String> args = new ArrayList<>(List.of("train", "--dataset", "mnist", "--data-dir",
        dir.toString()));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  private void writeMnistWithBadLabel() throws IOException {
    DataFixtures.writeIdxPair(dir, "train", 4, 28, 28, 10, false);
    DataFixtures.writeIdxPair(dir, "t10k", 4, 28, 28, 10, false);
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"),
        DataFixtures.idx(new int[] {4}, new byte[] {42, 1, 2, 3}));
  }

  private static String[] prepend(String first, String[] rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }
}
