package gmloss.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gmloss.cli.Main;
import gmloss.train.CheckpointStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's checkpoints and its exported model get the permissions of any directory the user
 * makes, so that another user or a serving process can read them as the umask allows.
 */
class PermissionsTest {

  @TempDir
  Path work;

  @Test
  void checkpointsAndTheExportedModelHaveTheUmasksPermissions() throws IOException {
    Path run = work.resolve("run");
    Path model = work.resolve("model");
    assertEquals(0, Main.run(new String[] {"train", "--train-limit", "256", "--test-limit",
        "64", "--epochs", "1", "--depth", "8", "--batch-size", "64", "--threads", "1",
        "--run-dir", run.toString(), "--export-dir", model.toString()},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        System.err));
    Set<PosixFilePermission> usual = Files.getPosixFilePermissions(
        Files.createDirectory(work.resolve("made-by-the-user")));
    assertEquals(usual, Files.getPosixFilePermissions(model));
    assertEquals(usual, Files.getPosixFilePermissions(
        new CheckpointStore(run, 1).latest().orElseThrow().directory()));
  }
}
