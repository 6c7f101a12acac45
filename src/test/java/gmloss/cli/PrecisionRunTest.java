package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.export.ModelCard;
import gmloss.run.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --precision}: recorded in run.json, the log, every metrics row and the model card; kept
 * by a resume unless given again, and the log says when it changes.
 */
class PrecisionRunTest {

  @TempDir
  Path work;

  @Test
  void aBf16RunRecordsItsPrecisionAndAResumeKeepsItOrSaysItChanged() throws Exception {
    Path run = work.resolve("bf16");
    Path model = work.resolve("bf16-model");
    assertEquals(0, Main.run(ResumeTest.train(run, "--epochs", "1", "--precision", "bf16"),
        TrainCommandTest.quiet(), System.err));
    assertEquals("bf16", record(run).options().get("precision"));
    assertTrue(Files.readString(run.resolve("train.log")).contains(
        "compute: cpu, 1 thread, precision bf16 (bfloat16 products, float32 weights)\n"));
    assertEquals("bf16", ModelCard.read(model).precision());

    assertEquals(0, Main.run(new String[] {"train", "--resume", run.toString(), "--epochs", "2"},
        TrainCommandTest.quiet(), System.err));
    assertEquals("bf16", record(run).options().get("precision"));
    assertEquals("bf16", ModelCard.read(model).precision());

    assertEquals(0, Main.run(new String[] {"train", "--resume", run.toString(), "--epochs", "3",
        "--precision", "fp32"}, TrainCommandTest.quiet(), System.err));
    assertEquals("fp32", record(run).options().get("precision"));
    String log = Files.readString(run.resolve("train.log"));
    assertTrue(log.contains("; changed: --epochs 3 (was 2), --precision fp32 (was bf16)\n"), log);
    assertEquals("bf16 epochs 1-2, fp32 epoch 3", ModelCard.read(model).precision());
    List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
    assertTrue(rows.get(0).endsWith(",precision"), rows.get(0));
    assertEquals(List.of("bf16", "bf16", "fp32"), rows.subList(1, rows.size()).stream()
        .map(row -> row.substring(row.lastIndexOf(',') + 1)).toList());
  }

  @Test
  void aPrecisionOtherThanFp32OrBf16IsRefusedByName() {
    String model = work.toString();
    for (List<String> args : List.of(List.of("train"), List.of("bench"),
        List.of("evaluate", "--model", model), List.of("detect", "--model", model),
        List.of("predict", "--model", model, "image.png"))) {
      List<String> command = new ArrayList<>(args);
      command.addAll(List.of("--precision", "fp16"));
      TrainCommandTest.Run refused = TrainCommandTest.run(command.toArray(String[]::new));
      assertEquals(ExitCode.USAGE, refused.code(), command + ": " + refused.err());
      assertTrue(refused.err().startsWith("gmloss " + args.get(0)
          + ": --precision fp16: expected one of fp32|bf16\n"), refused.err());
    }
  }

  private static RunRecord record(Path run) throws Exception {
    return RunRecord.read(run);
  }
}
