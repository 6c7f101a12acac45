package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import gmloss.runtime.Cpu;
import gmloss.train.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With --val-split the best epoch is the one of the best validation accuracy, its checkpoint is
 * kept whatever --keep-checkpoints says, and run.json says what a reader needs.
 */
class ValidationRunTest {

  @TempDir
  Path work;

  @Test
  void theBestEpochIsChosenOnTheValidationSplitAndItsCheckpointKept() throws IOException {
    Path run = work.resolve("run");
    TrainCommandTest.Run result = TrainCommandTest.run(ResumeTest.train(run, "--epochs", "3",
        "--val-split", "128", "--keep-checkpoints", "1", "--lr", "0.3"));
    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains("384 training, 128 validation and 256 test images"),
        result.out());
    List<String[]> rows = ResumeTest.rows(run);
    assertEquals(3, rows.size());
    int best = 0;
    for (int e = 0; e < 3; e++) {
      assertEquals(18, rows.get(e).length, "metrics.csv columns");
      if (Double.parseDouble(rows.get(e)[14]) > Double.parseDouble(rows.get(best)[14])) {
        best = e;
      }
    }
    int perEpoch = 384 / 32;
    CheckpointStore store = new CheckpointStore(run, 1);
    assertEquals(store.directoryOf((long) (best + 1) * perEpoch),
        store.best().orElseThrow().directory());
    assertTrue(Files.isDirectory(store.directoryOf(3L * perEpoch)), "the latest is kept too");

    JsonObject record = JsonParser.parseString(Files.readString(run.resolve("run.json")))
        .getAsJsonObject();
    JsonObject results = record.getAsJsonObject("results");
    assertEquals(best + 1, results.get("bestEpoch").getAsInt());
    assertEquals(Double.parseDouble(rows.get(best)[8]),
        results.get("bestEpochTestAccuracy").getAsDouble(), 1e-6);
    assertEquals(3, record.getAsJsonArray("epochs").get(2).getAsJsonObject().get("epoch")
        .getAsInt(), "epochs counted from 1");
    assertEquals(32, record.getAsJsonObject("options").get("batch-size").getAsInt(),
        "numbers written as numbers");
    JsonObject data = record.getAsJsonObject("data");
    assertEquals(256, data.get("testImages").getAsInt());
    assertEquals(128, data.get("validationImages").getAsInt());
    JsonObject environment = record.getAsJsonObject("environment");
    assertEquals("cpu", environment.get("device").getAsString());
    assertTrue(environment.get("oneDnn").getAsBoolean(), "surefire sets TF_ENABLE_ONEDNN_OPTS=1");
    assertEquals(Cpu.read().orElseThrow().describe(), environment.get("cpu").getAsString());
    assertTrue(results.get("commandSeconds").getAsDouble()
        >= results.get("loopSeconds").getAsDouble());
    assertTrue(results.get("loopSeconds").getAsDouble()
        > results.get("trainingSeconds").getAsDouble());
  }

  @Test
  void aValidationSplitAsLargeAsTheTrainingSetIsRefused() {
    TrainCommandTest.Run result = TrainCommandTest.run(ResumeTest.train(work.resolve("run"),
        "--val-split", "512"));
    assertEquals(2, result.code());
    assertEquals("gmloss train: --val-split 512: leaves no training images of 512",
        result.err().lines().findFirst().orElseThrow());
  }
}
