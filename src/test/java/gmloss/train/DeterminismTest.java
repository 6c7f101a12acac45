package gmloss.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import gmloss.ChildJvm;
import gmloss.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed fixes initialisation, order and augmentation, and the session's graph rewrites are
 * the deterministic ones: two runs with the same seed end with the same weights, bit for bit, and
 * the same metrics; a run with another seed does not. Each run is its own process, as a user runs
 * it. With the arithmetic optimizer of TensorFlow's graph rewriter on, about one process in five
 * summed the GM means' gradient in another order, so that one pair of runs catches that about
 * once in five.
 */
@Tag("slow")
class DeterminismTest {

  /** Columns of metrics.csv that measure time, not training. */
  private static final List<String> TIMES = List.of("images_per_second", "elapsed_seconds");

  @TempDir
  Path work;

  /** Trains one epoch of 256 images on ResNet-8 with {@code seed}; returns the run directory. */
  private Path run(String name, String seed) throws IOException, InterruptedException {
    Path run = work.resolve(name);
    ChildJvm.Exit exit = ChildJvm.run(Main.class, List.of(), 300, "train", "--train-limit",
        "256", "--test-limit", "128", "--epochs", "1", "--batch-size", "64", "--depth", "8",
        "--seed", seed,
        "--run-dir", run.toString(), "--export-dir", work.resolve(name + "-model").toString());
    assertEquals(0, exit.code(), exit.err());
    return run;
  }

  private static byte[] weights(Path run) throws IOException {
    return Files.readAllBytes(run.resolve(CheckpointStore.DIRECTORY).resolve("step-00000004")
        .resolve("model.data-00000-of-00001"));
  }

  /** The rows of metrics.csv without the columns that measure time. */
  private static List<String> metrics(Path run) throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    return lines.stream().map(line -> {
      String[] cells = line.split(",", -1);
      StringBuilder kept = new StringBuilder();
      for (int i = 0; i < cells.length; i++) {
        if (!TIMES.contains(header.get(i))) {
          kept.append(cells[i]).append(',');
        }
      }
      return kept.toString();
    }).toList();
  }

  @Test
  void sameSeedRunsEndWithTheSameWeightsBitForBit() throws IOException, InterruptedException {
    Path first = run("a", "11");
    Path same = run("b", "11");
    Path other = run("c", "12");
    assertArrayEquals(weights(first), weights(same), "same seed, other weights");
    assertEquals(metrics(first), metrics(same));
    assertFalse(Arrays.equals(weights(first), weights(other)), "the seed changed nothing");
    assertFalse(metrics(first).equals(metrics(other)));
  }
}
