package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.ChildJvm;
import gmloss.ChildJvm.Exit;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The main classes in a real JVM without TF_ENABLE_ONEDNN_OPTS: they start a second JVM with it
 * set, and the exit code and output come through.
 */
class LauncherTest {

  private static Exit launch(Class<?> mainClass, String... args)
      throws IOException, InterruptedException {
    return ChildJvm.run(mainClass, List.of(OneDnnLauncher.VARIABLE), 120, args);
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
