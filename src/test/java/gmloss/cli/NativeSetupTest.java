package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import gmloss.ChildJvm.Exit;
import gmloss.ChildJvm;
import gmloss.runtime.NativeSetup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main classes in a real JVM without TF_ENABLE_ONEDNN_OPTS: in that one process oneDNN is
 * on, TensorFlow's own notices are filtered out, and exit codes and output come through.
 */
@Tag("slow")
class NativeSetupTest {

  private static final List<String> UNSET = List.of(NativeSetup.ONE_DNN, NativeSetup.LOG_LEVEL);

  private static Exit launch(Class<?> mainClass, String... args)
      throws IOException, InterruptedException {
    return ChildJvm.run(mainClass, UNSET, 120, args);
  }

  /** Training runs in the JVM it was started in, never a second one, with oneDNN on. */
  @Test
  void oneProcessTrainsWithOneDnnOn(@TempDir Path work) throws Exception {
    Path run = work.resolve("run");
    try (ChildJvm.Running child = ChildJvm.start(Main.class, UNSET, 0, "train", "--train-limit",
        "128", "--test-limit", "64", "--epochs", "1", "--depth", "8", "--batch-size", "64",
        "--run-dir", run.toString(), "--export-dir", work.resolve("model").toString(),
        "--verbose")) {
      java.util.Set<String> descendants = new java.util.TreeSet<>();
      while (child.process().isAlive()) {
        child.process().descendants().forEach(p -> descendants.add(
            p.info().commandLine().orElse("?")));
        Thread.sleep(100);
      }
      Exit exit = child.await(1);
      assertEquals(0, exit.code(), exit.err());
      assertEquals(java.util.Set.of(), descendants, "processes started by gmloss");
      assertTrue(exit.err().contains("oneDNN custom operations are on"), exit.err());
    }
    JsonObject environment = JsonParser.parseString(Files.readString(run.resolve("run.json")))
        .getAsJsonObject().getAsJsonObject("environment");
    assertTrue(environment.get("oneDnn").getAsBoolean(), environment.toString());
  }

  /** A value the user set is theirs: oneDNN stays off, and the run says so. */
  @Test
  void anExplicitZeroKeepsOneDnnOff(@TempDir Path work) throws Exception {
    Path run = work.resolve("run");
    List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "train", "--train-limit", "128", "--test-limit", "64", "--epochs", "1", "--depth", "8",
        "--batch-size", "64", "--run-dir", run.toString(), "--export-dir",
        work.resolve("model").toString(), "--verbose");
    ProcessBuilder builder = new ProcessBuilder(java).redirectErrorStream(true);
    builder.environment().put(NativeSetup.ONE_DNN, "0");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
    assertFalse(output.contains("oneDNN custom operations are on"), output);
    JsonObject environment = JsonParser.parseString(Files.readString(run.resolve("run.json")))
        .getAsJsonObject().getAsJsonObject("environment");
    assertFalse(environment.get("oneDnn").getAsBoolean(), environment.toString());
  }

  @Test
  void trainMainIsTheTrainCommand() throws Exception {
    Exit help = launch(Train.class, "--help");
    assertEquals(0, help.code(), help.err());
    assertTrue(help.out().startsWith("usage: gmloss train [options]"), help.out());
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Exit bad = launch(Main.class, "train", "--depth", "21");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("gmloss train: --depth 21: must be 6n+2"), bad.err());
  }

  /** TensorFlow's own lines are left out, unless --verbose asks for them. */
  @Test
  void tensorflowNoticesAreHiddenUnlessVerbose(@TempDir Path work) throws Exception {
    String[] tiny = {"train", "--train-limit", "128", "--test-limit", "64", "--epochs", "1",
        "--depth", "8", "--batch-size", "64", "--run-dir", work.resolve("run").toString(),
        "--export-dir", work.resolve("model").toString()};
    Exit quiet = launch(Main.class, tiny);
    assertEquals(0, quiet.code(), quiet.err());
    assertEquals("", quiet.err(), "nothing but gmloss's own output");
    assertTrue(quiet.out().contains("done: test accuracy"), quiet.out());

    String[] verbose = Arrays.copyOf(tiny, tiny.length + 2);
    verbose[tiny.length] = "--verbose";
    verbose[tiny.length + 1] = "--overwrite";
    Exit loud = launch(Main.class, verbose);
    assertEquals(0, loud.code(), loud.err());
    assertTrue(loud.err().contains("oneDNN custom operations are on"), loud.err());
    assertTrue(loud.err().contains("absl::InitializeLog"), loud.err());
  }

  @Test
  void noCommandPrintsTheCommandsAndExitsTwo() throws Exception {
    Exit none = launch(Main.class);
    assertEquals(2, none.code());
    assertTrue(none.err().contains("train "), none.err());
    assertTrue(none.err().contains("export "), none.err());
  }
}
