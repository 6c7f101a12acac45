package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The main classes in a real JVM without TF_ENABLE_ONEDNN_OPTS: they start a second JVM with it
 * set, and the exit code and output come through.
 */
class LauncherTest {

  record Exit(int code, String out, String err) {}

  private static Exit launch(Class<?> mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove(OneDnnLauncher.VARIABLE);
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished");
    return new Exit(process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void trainMainIsTheTrainCommand() throws Exception {
    Exit help = launch(Train.class, "--help");
    assertEquals(0, help.code(), help.err());
    assertTrue(help.out().startsWith("usage: gmloss train [options]"), help.out());
  }

  @Test
  void usageErrorsExitTwoThroughTheRelaunch() throws Exception {
    Exit bad = launch(Main.class, "train", "--depth", "21");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("gmloss train: --depth 21: must be 6n+2"), bad.err());
  }

  @Test
  void noCommandPrintsTheCommandsAndExitsTwo() throws Exception {
    Exit none = launch(Main.class);
    assertEquals(2, none.code());
    assertTrue(none.err().contains("train "), none.err());
    assertTrue(none.err().contains("export "), none.err());
  }
}
