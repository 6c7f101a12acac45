package gmloss.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import gmloss.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With one intra-op thread the same seed gives the same run, bit for bit; another seed gives
 * another run. (With two threads, oneDNN's parallel reductions make runs differ at round-off.)
 */
class DeterminismTest {

  @TempDir
  Path work;

  private List<String> lossesOfRun(String name, String seed) throws IOException {
    Path run = work.resolve(name);
    int code = Main.run(new String[] {"train", "--train-limit", "256", "--test-limit", "128",
        "--epochs", "2", "--batch-size", "64", "--seed", seed, "--threads", "1",
        "--run-dir", run.toString(),
        "--export-dir", work.resolve(name + "-model").toString()},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, code);
    // Loss and accuracy columns; timing columns differ between any two runs.
    return Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1)
        .map(row -> String.join(",", List.of(row.split(",")).subList(4, 9))).toList();
  }

  @Test
  void sameSeedReproducesLossesAndAccuracies() throws IOException {
    List<String> first = lossesOfRun("a", "11");
    assertEquals(first, lossesOfRun("b", "11"));
    assertNotEquals(first, lossesOfRun("c", "12"));
  }
}
