package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import gmloss.runtime.Cpu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code gmloss bench} measures what it says on a tiny network, and refuses bad shapes. */
class BenchCommandTest {

  @TempDir
  Path work;

  @Test
  void measuresTrainingAndInferenceAndKeepsTheModel() {
    Path model = work.resolve("model");
    TrainCommandTest.Run run = TrainCommandTest.run("bench", "--json", "--shape", "16x16x3",
        "--depth", "8", "--batch-size", "8", "--warmup", "2", "--steps", "6", "--export-dir",
        model.toString());
    assertEquals(0, run.code(), run.err());
    JsonObject result = JsonParser.parseString(run.out()).getAsJsonObject();
    assertEquals(Cpu.read().orElseThrow().describe(), result.get("cpu").getAsString());
    for (String phase : new String[] {"training", "inference"}) {
      JsonObject timing = result.getAsJsonObject(phase);
      double median = timing.get("median").getAsDouble();
      assertTrue(timing.get("p10").getAsDouble() <= median, phase);
      assertTrue(median <= timing.get("p90").getAsDouble(), phase);
      assertTrue(timing.get("imagesPerSecond").getAsDouble() > 0, phase);
    }
    double wait = result.get("inputWaitShare").getAsDouble();
    assertTrue(wait >= 0 && wait < 1, "input wait " + wait);
    assertTrue(result.get("peakRssMiB").getAsLong() >= result.get("rssEndMiB").getAsLong());
    // ResNet-8 on 16x16x3: stem 16*16*3*16*9, then one block per stage (16, 32, 64 filters).
    long expected = 16L * 16 * 3 * 16 * 9 + 16L * 16 * (16 + 16) * 16 * 9
        + 8L * 8 * (16 + 32) * 32 * 9 + 4L * 4 * (32 + 64) * 64 * 9;
    assertEquals(expected, result.get("multiplyAddsPerImage").getAsLong());
    assertTrue(Files.isRegularFile(model.resolve("saved_model.pb")));
    assertEquals(0, result.getAsJsonObject("opMillisPerStep").size(), "not profiled");
  }

  @Test
  void profiledStepsGiveTheKernelTimeOfEachOpType() {
    TrainCommandTest.Run run = TrainCommandTest.run("bench", "--shape", "16x16x3", "--depth",
        "8", "--batch-size", "8", "--warmup", "2", "--steps", "3", "--profile-steps", "2");
    assertEquals(0, run.code(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals("machine: " + Cpu.read().orElseThrow().describe(), lines.get(0),
        "the speeds below are this CPU's");
    int header = lines.indexOf(lines.stream()
        .filter(l -> l.startsWith("kernel time per training step, all threads, 2 traced steps:"))
        .findFirst().orElseThrow(() -> new AssertionError(run.out())));
    List<String> ops = lines.subList(header + 1, lines.size());
    assertEquals(15, ops.size(), run.out());
    double previous = Double.MAX_VALUE;
    for (String op : ops) {
      String[] parts = op.trim().split(" +");
      double millis = Double.parseDouble(parts[1]);
      assertTrue(millis <= previous, "largest first: " + run.out());
      previous = millis;
    }
    // The convolutions and their gradients, under whatever name the runtime gave them.
    assertTrue(ops.stream().anyMatch(l -> l.trim().matches("\\w*Conv2DBackpropFilter .*")),
        run.out());
    assertTrue(ops.stream().anyMatch(l -> l.trim().matches("\\w*Conv2D .*")), run.out());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      "--shape 32x32   # gmloss bench: --shape 32x32: expected HEIGHTxWIDTHxCHANNELS, such as"
          + " 32x32x3",
      "--shape 4x4x3   # gmloss bench: --shape 4x4x3: height and width must be 8 to 1024,"
          + " channels 1 to 4",
      "--depth 21      # gmloss bench: --depth 21: must be 6n+2 (20, 32, 44, 56, 110, ...)",
      "--loss hinge    # gmloss bench: --loss hinge: expected one of gm|softmax|center",
      "--steps 0       # gmloss bench: --steps 0: must be between 1 and 1000000"})
  void badOptionsExitTwo(String args, String message) {
    String[] parts = args.trim().split(" ");
    TrainCommandTest.Run run = TrainCommandTest.run("bench", parts[0], parts[1]);
    assertEquals(2, run.code(), run.err());
    assertEquals(message, run.err().lines().findFirst().orElseThrow());
  }
}
