package gmloss.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * TensorFlow-Java's runtime leaves oneDNN off unless TF_ENABLE_ONEDNN_OPTS=1 is in the
 * environment when it loads; with it, ResNet-20 trains about 1.8x faster on a 2-core x86 CPU.
 * A JVM cannot set its own environment, so when the variable is absent the command starts a
 * second JVM with the same arguments and the variable set. Setting the variable yourself (to 0
 * or 1) skips this. The second JVM also gets TF_CPP_MIN_LOG_LEVEL=2 and its standard error is
 * passed through {@link NativeLogFilter}, so that TensorFlow's own log lines stay out of the way
 * unless {@code --verbose} is given.
 */
final class OneDnnLauncher {

  static final String VARIABLE = "TF_ENABLE_ONEDNN_OPTS";
  static final String LOG_LEVEL_VARIABLE = "TF_CPP_MIN_LOG_LEVEL";

  private OneDnnLauncher() {}

  static boolean needed() {
    return System.getenv(VARIABLE) == null;
  }

  /** Runs {@code mainClass} with {@code args} in a child JVM and returns its exit code. */
  static int relaunch(Class<?> mainClass, String[] args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put(VARIABLE, "1");
    // TensorFlow's notices are for its developers; --verbose (or the variable) shows them.
    boolean quiet = !List.of(args).contains("--verbose")
        && System.getenv(LOG_LEVEL_VARIABLE) == null;
    if (quiet) {
      builder.environment().put(LOG_LEVEL_VARIABLE, "2");
      builder.redirectError(ProcessBuilder.Redirect.PIPE);
    }
    Process child = builder.start();
    Thread errors = null;
    if (quiet) {
      errors = new Thread(() -> {
        try {
          NativeLogFilter.copy(child.getErrorStream(), System.err);
        } catch (IOException e) {
          // The child is gone; nothing left to pass on.
        }
      }, "child-stderr");
      errors.start();
    }
    // SIGINT or SIGTERM here: pass SIGTERM on and wait, so that a training child can finish its
    // step and write its checkpoint before this process ends.
    Thread stopChild = new Thread(() -> {
      child.destroy();
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(stopChild);
    int code = child.waitFor();
    if (errors != null) {
      errors.join();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopChild);
    } catch (IllegalStateException shuttingDown) {
      // This process got the signal too; the JVM exits with its code for it.
    }
    return code;
  }
}
