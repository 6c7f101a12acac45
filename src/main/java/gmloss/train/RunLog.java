package gmloss.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lines for the user: printed, and written to a log file in the run directory. */
public final class RunLog implements AutoCloseable {

  private final PrintStream out;
  private final Writer file;

  public RunLog(PrintStream out, Path logFile) throws IOException {
    this.out = out;
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    this.file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
  }

  public void line(String text) {
    out.println(text);
    out.flush();
    try {
      file.write(text);
      file.write(System.lineSeparator());
      file.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
