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
 * process-wide state (thread pools, oneDNN) starts fresh.
 */
public final class ChildJvm {

  private ChildJvm() {}

  public record Exit(int code, String out, String err) {}

  /**
   * Runs {@code mainClass} with {@code args}, without the environment variables in
   * {@code unset}, and waits at most {@code timeoutSeconds}.
   */
  public static Exit run(Class<?> mainClass, List<String> unset, long timeoutSeconds,
      String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(List.of(args));
    // Files, not pipes: a chatty child cannot block on a full pipe.
    Path out = Files.createTempFile("child-out", ".txt");
    Path err = Files.createTempFile("child-err", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      unset.forEach(builder.environment()::remove);
      Process process = builder.start();
      boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor();
      }
      assertTrue(finished, mainClass.getSimpleName() + " finished within " + timeoutSeconds
          + " s");
      return new Exit(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
