package gmloss.train;

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

/**
 * Lines for the user: printed, and written to a log file in the run directory. The file gets
 * every line whole; so does the printed output, unless it is a terminal of a known width, which
 * gets each line's form for that width.
 */
public final class RunLog implements AutoCloseable {

  private final PrintStream out;
  private final Path path;
  private final Writer file;
  private final int width;

  private RunLog(PrintStream out, Path path, Writer file, int width) {
    this.out = out;
    this.path = path;
    this.file = file;
    this.width = width;
  }

  /**
   * A new log, replacing any file at {@code logFile}.
   *
   * @param width the columns of the terminal {@code out} prints to; 0 when it is no terminal
   */
  public RunLog(PrintStream out, Path logFile, int width) throws IOException {
    this(out, logFile, open(logFile, StandardOpenOption.TRUNCATE_EXISTING), width);
  }

  /**
   * Continues the log of a resumed run: what was written after the checkpoint (its first
   * {@code length} bytes) is cut, so that no epoch appears twice.
   */
  public static RunLog continuing(PrintStream out, Path logFile, long length, int width)
      throws IOException {
    if (Files.exists(logFile) && Files.size(logFile) > length) {
      try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
        channel.truncate(length);
      }
    }
    return new RunLog(out, logFile, open(logFile, StandardOpenOption.APPEND), width);
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
    out.println(width > 0 ? fitted.apply(width) : text);
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
