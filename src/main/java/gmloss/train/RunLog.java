package gmloss.train;

import gmloss.io.Terminal;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntFunction;

/** Lines for the user: printed, and written to a log file in the run directory. */
public final class RunLog implements AutoCloseable {

  private final PrintStream out;
  private final Path path;
  private final Writer file;

  private RunLog(PrintStream out, Path path, Writer file) {
    this.out = out;
    this.path = path;
    this.file = file;
  }

  /** A new log, replacing any file at {@code logFile}. */
  public RunLog(PrintStream out, Path logFile) throws IOException {
    this(out, logFile, open(logFile, StandardOpenOption.TRUNCATE_EXISTING));
  }

  /**
   * Continues the log of a resumed run: what was written after the checkpoint (its first
   * {@code length} bytes) is cut, so that no epoch appears twice.
   */
  public static RunLog continuing(PrintStream out, Path logFile, long length)
      throws IOException {
    if (Files.exists(logFile) && Files.size(logFile) > length) {
      try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
        channel.truncate(length);
      }
    }
    return new RunLog(out, logFile, open(logFile, StandardOpenOption.APPEND));
  }

  private static Writer open(Path logFile, StandardOpenOption mode) throws IOException {
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    return Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, mode);
  }

  public void line(String text) {
    line(text, width -> text);
  }

  /**
   * A line kept whole in the file and on a redirected console; on a terminal, {@code fitted}
   * gives its form for the terminal's width.
   */
  public void line(String text, IntFunction<String> fitted) {
    out.println(Terminal.interactive() ? fitted.apply(Terminal.width()) : text);
    out.flush();
    try {
      file.write(text);
      file.write(System.lineSeparator());
      file.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the lines are printed; for what is shown but not kept, such as progress. */
  public PrintStream console() {
    return out;
  }

  /** Bytes in the log file so far. */
  public long length() throws IOException {
    return Files.size(path);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
