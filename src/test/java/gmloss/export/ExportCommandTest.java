package gmloss.export;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import gmloss.cli.Main;
import gmloss.io.ProjectVersion;
import gmloss.io.SafeFiles;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gmloss export}: refuses to overwrite, replaces atomically, reports bad checkpoints. */
class ExportCommandTest {

  @TempDir
  static Path work;

  private static Path run;

  record Outcome(int code, String err) {}

  private static Outcome export(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] command = Stream.concat(Stream.of("export"), Stream.of(args))
        .toArray(String[]::new);
    int code = Main.run(command, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, err.toString(StandardCharsets.UTF_8));
  }

  @BeforeAll
  static void trainTinyModel() {
    run = work.resolve("run");
    int code = Main.run(new String[] {"train", "--train-limit", "128", "--test-limit", "64",
        "--epochs", "1", "--batch-size", "64", "--run-dir", run.toString(), "--export-dir",
        work.resolve("first").toString()}, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), System.err);
    assertEquals(0, code);
  }

  @Test
  void existingDirectoryIsKeptWithoutOverwrite() throws IOException {
    Path target = Files.createDirectories(work.resolve("kept"));
    Files.writeString(target.resolve("note.txt"), "mine");
    Outcome outcome = export("--checkpoint", run.toString(), "--export-dir", target.toString());
    assertEquals(2, outcome.code());
    assertEquals("gmloss export: --export-dir " + target
        + ": already exists; pass --overwrite to replace it",
        outcome.err().lines().findFirst().orElseThrow());
    assertEquals(List.of(target.resolve("note.txt")), list(target));
  }

  @Test
  void overwriteReplacesAModelAndLeavesNoStagingBehindButNeverOtherFiles() throws IOException {
    Path target = work.resolve("replaced");
    assertEquals(0, export("--checkpoint", run.toString(), "--export-dir", target.toString())
        .code());
    Files.writeString(target.resolve("variables").resolve("stale.txt"), "old");
    Outcome outcome = export("--checkpoint", run.toString(), "--export-dir", target.toString(),
        "--overwrite");
    assertEquals(0, outcome.code(), outcome.err());
    assertFalse(Files.exists(target.resolve("variables").resolve("stale.txt")));
    assertTrue(Files.exists(target.resolve("saved_model.pb")));
    assertTrue(Files.exists(target.resolve(ModelCard.FILE_NAME)));
    try (Stream<Path> siblings = Files.list(work)) {
      assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".")),
          "staging directories are cleaned up");
    }
    Path photos = Files.createDirectories(work.resolve("photos"));
    Files.writeString(photos.resolve("holiday.jpg"), "mine");
    Outcome refused = export("--checkpoint", run.toString(), "--export-dir", photos.toString(),
        "--overwrite");
    assertEquals(2, refused.code());
    assertEquals("gmloss export: --export-dir " + photos + ": holds files that are not a gmloss"
        + " SavedModel; not replacing it. Give another directory",
        refused.err().lines().findFirst().orElseThrow());
    assertEquals("mine", Files.readString(photos.resolve("holiday.jpg")));
  }

  @Test
  void modelCardDescribesTheModel() throws IOException {
    Path target = work.resolve("card");
    assertEquals(0, export("--checkpoint", latestCheckpoint().toString(),
        "--export-dir", target.toString()).code());
    ModelCard card = ModelCard.read(target);
    assertEquals("fashion-mnist", card.dataset());
    assertEquals("T-shirt/top", card.classNames().get(0));
    assertEquals(List.of(-1, 28, 28, 1), card.input().shape());
    assertEquals("float32", card.input().dtype());
    assertEquals("gm", card.loss());
    assertEquals(new Checkpoint.Scheduled(0.1f, "constant", 0.1f),
        card.hyperParameters().get("alpha"));
    // The default ramp starts lambda at 0.01 of its value, and the run's only step is its first.
    assertEquals(new Checkpoint.Scheduled(0.1f, "ramp:1:0.01", 0.001f),
        card.hyperParameters().get("lambda"));
    assertEquals("none", card.head().get("variance"));
    assertEquals(20, card.depth());
    assertEquals(1, card.epochs());
    assertEquals(64, card.testImages());
    // Absolute paths keep only their last name: the card names no directory of this machine.
    assertTrue(card.command().startsWith("gmloss train --train-limit 128"), card.command());
    assertTrue(card.command().endsWith(" --run-dir run --export-dir first"), card.command());
    assertEquals(0, card.resumes());
    assertTrue(card.wallSeconds() > 0 && card.wallSeconds() < 600, "" + card.wallSeconds());
    assertEquals(ProjectVersion.get(), card.projectVersion());
    assertFalse(card.projectVersion().contains("$"), "version filled in by the build");
  }

  @Test
  void cardCommandsNameNoDirectories() {
    assertEquals(List.of("gmloss", "train", "--data-dir", "cifar10", "--run-dir", "runs/a b",
        "--export-dir=model", "--out", "/"), ModelCard.withoutDirectories(List.of("gmloss",
        "train", "--data-dir", "/data/sets/cifar10", "--run-dir", "runs/a b",
        "--export-dir=/home/someone/model", "--out", "/")));
  }

  @Test
  void aCardNamesTheValueOfADefaultThatChangedSinceTheRun() throws IOException {
    // A run started while lambda's default was constant: its record says so, its command not.
    Path old = work.resolve("old-run");
    try (Stream<Path> files = Files.walk(run)) {
      for (Path file : files.toList()) {
        Files.copy(file, old.resolve(run.relativize(file).toString()));
      }
    }
    Path record = old.resolve("run.json");
    JsonObject json = JsonParser.parseString(Files.readString(record)).getAsJsonObject();
    json.getAsJsonObject("options").addProperty("lambda-schedule", "constant");
    Files.writeString(record, json.toString());
    Path target = work.resolve("old-card");
    Outcome outcome = export("--checkpoint", old.toString(), "--export-dir", target.toString());
    assertEquals(0, outcome.code(), outcome.err());
    assertTrue(ModelCard.read(target).command().endsWith(
        " --run-dir run --export-dir first --lambda-schedule constant"),
        ModelCard.read(target).command());
  }

  @Test
  void missingCheckpointIsAUsageError() {
    Outcome outcome = export("--checkpoint", work.resolve("nothing").toString(), "--export-dir",
        work.resolve("x").toString());
    assertEquals(2, outcome.code());
    assertEquals("gmloss export: --checkpoint " + work.resolve("nothing")
        + ": directory not found", outcome.err().lines().findFirst().orElseThrow());
  }

  @Test
  void corruptCheckpointStateFailsWithoutWritingAnything() throws IOException {
    Path broken = Files.createDirectories(work.resolve("broken"));
    Files.writeString(broken.resolve("state.json"), "{ not json");
    Path target = work.resolve("never");
    Outcome outcome = export("--checkpoint", broken.toString(), "--export-dir",
        target.toString());
    assertEquals(1, outcome.code());
    assertTrue(outcome.err().startsWith("gmloss export: error: " + broken.resolve("state.json")
        + ": not a valid checkpoint state"), outcome.err());
    assertFalse(Files.exists(target));
  }

  @Test
  void aReplaceThatFailsHalfwayPutsThePreviousModelBack() throws IOException {
    Path target = Files.createDirectories(work.resolve("halfway"));
    Files.writeString(target.resolve("saved_model.pb"), "previous model");
    Path staging = Files.createDirectories(work.resolve(".halfway.partial-1"));
    Files.writeString(staging.resolve("saved_model.pb"), "new model");
    int[] moves = {0};
    IOException error = assertThrows(IOException.class, () -> SavedModelExporter.replace(staging,
        target, (from, to) -> {
          if (++moves[0] == 2) {
            throw new IOException("the disk went away");
          }
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }));
    assertEquals("the disk went away", error.getMessage());
    assertEquals(3, moves[0], "aside, failed, back");
    assertEquals("previous model", Files.readString(target.resolve("saved_model.pb")));
    assertEquals("new model", Files.readString(staging.resolve("saved_model.pb")),
        "export() deletes its staging directory itself");
    SafeFiles.deleteRecursively(staging);
    try (Stream<Path> siblings = Files.list(work)) {
      assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".halfway.old-")),
          "nothing left under a hidden name");
    }
  }

  @Test
  void aModelThatAKilledReplaceLeftHiddenIsPutBackFirst() throws IOException {
    Path target = work.resolve("interrupted");
    Path hidden = Files.createDirectories(work.resolve(".interrupted.old-42"));
    Files.writeString(hidden.resolve("saved_model.pb"), "previous model");
    Outcome outcome = export("--checkpoint", run.toString(), "--export-dir", target.toString());
    assertEquals(2, outcome.code());
    assertEquals("gmloss export: --export-dir " + target
        + ": already exists; pass --overwrite to replace it",
        outcome.err().lines().findFirst().orElseThrow());
    assertEquals("previous model", Files.readString(target.resolve("saved_model.pb")));
    assertFalse(Files.exists(hidden));
  }

  private static Path latestCheckpoint() throws IOException {
    return new CheckpointStore(run, 1).latest().orElseThrow().directory();
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }
}
