package gmloss.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import gmloss.ChildJvm;
import gmloss.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With one thread per TensorFlow pool the same seed gives the same run, bit for bit; another seed
 * gives another run. Each run is its own process, as a user runs it: TensorFlow sizes its thread
 * pools once per process, so runs inside this test JVM would share the pools of earlier tests.
 */
class DeterminismTest {

  @TempDir
  Path work;

  private List<String> lossesOfRun(String name, String seed)
      throws IOException, InterruptedException {
    Path run = work.resolve(name);
    ChildJvm.Exit exit = ChildJvm.run(Main.class, List.of(), 300, "train", "--train-limit",
        "256", "--test-limit", "128", "--epochs", "2", "--batch-size", "64", "--seed", seed,
        "--threads", "1", "--run-dir", run.toString(),
        "--export-dir", work.resolve(name + "-model").toString());
    assertEquals(0, exit.code(), exit.err());
    // Loss and accuracy columns; timing columns differ between any two runs.
    return Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1)
        .map(row -> String.join(",", List.of(row.split(",")).subList(4, 9))).toList();
  }

  @Test
  void sameSeedReproducesLossesAndAccuracies() throws IOException, InterruptedException {
    List<String> first = lossesOfRun("a", "11");
    assertEquals(first, lossesOfRun("b", "11"));
    assertNotEquals(first, lossesOfRun("c", "12"));
  }
}
