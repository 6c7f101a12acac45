package gmloss.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.cli.Main;
import gmloss.io.SafeFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Writes a small run with learned variances under target/parity/tensorboard-run, whose event
 * files tools/tests/test_tensorboard.py reads back with TensorFlow's own reader and compares
 * with the run's metrics.csv.
 */
class TensorBoardFixtureTest {

  static final Path RUN = Path.of("target", "parity", "tensorboard-run");

  @Test
  void aRunWritesOneEventFileForTensorBoard() throws IOException {
    SafeFiles.deleteRecursively(RUN);
    assertEquals(0, Main.run(new String[] {"train", "--train-limit", "512", "--test-limit",
        "200", "--epochs", "2", "--depth", "8", "--batch-size", "64", "--variance", "isotropic",
        "--variance-lr-mult", "1", "--run-dir", RUN.toString(), "--export-dir",
        RUN.resolveSibling("tensorboard-model").toString(), "--overwrite"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err));
    try (Stream<Path> files = Files.list(RUN.resolve(TensorBoard.DIRECTORY))) {
      Path events = files.findFirst().orElseThrow();
      assertTrue(events.getFileName().toString().startsWith("events.out.tfevents."), events
          .toString());
      assertTrue(Files.size(events) > 1000, "scalars and histograms were written");
    }
  }
}
