package gmloss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a new JVM with the tests' class path, as a user runs it: TensorFlow's
 * process-wide state (thread pools, oneDNN) starts fresh, and signals reach it as they reach a
 * user's process.
 */
public final class ChildJvm {

  private ChildJvm() {}

  public record Exit(int code, String out, String err) {}

  /** A child JVM that runs on while the test watches it; close() kills it if it still runs. */
  public static final class Running implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private Running(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    public Process process() {
      return process;
    }

    /** Waits at most {@code timeoutSeconds} for the child to end, failing the test if not. */
    public Exit await(long timeoutSeconds) throws IOException, InterruptedException {
      boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor();
      }
      assertTrue(finished, "the child JVM finished within " + timeoutSeconds + " s");
      return new Exit(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * Starts {@code mainClass} with {@code args}, without the environment variables in
   * {@code unset}; with a positive {@code fileSizeLimitKiB}, no file it writes may grow beyond
   * that ({@code ulimit -f}), so writes fail as on a full disk.
   */
  public static Running start(Class<?> mainClass, List<String> unset, long fileSizeLimitKiB,
      String... args) throws IOException {
    List<String> java = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    java.addAll(List.of(args));
    List<String> command = java;
    if (fileSizeLimitKiB > 0) {
      command = new ArrayList<>(List.of("bash", "-c",
          "ulimit -f " + fileSizeLimitKiB + " && exec \"$@\"", "bash"));
      command.addAll(java);
    }
    // Files, not pipes: a chatty child cannot block on a full pipe.
    Path out = Files.createTempFile("child-out", ".txt");
    Path err = Files.createTempFile("child-err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    unset.forEach(builder.environment()::remove);
    return new Running(builder.start(), out, err);
  }

  /**
   * Runs {@code mainClass} with {@code args}, without the environment variables in
   * {@code unset}, and waits at most {@code timeoutSeconds}.
   */
  public static Exit run(Class<?> mainClass, List<String> unset, long timeoutSeconds,
      String... args) throws IOException, InterruptedException {
    try (Running child = start(mainClass, unset, 0, args)) {
      return child.await(timeoutSeconds);
    }
  }
}
