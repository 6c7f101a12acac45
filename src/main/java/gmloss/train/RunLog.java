package gmloss.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lines of a run's log: written whole to a file in the run directory, logged through
 * java.util.logging ({@code gmloss.train}, INFO), and handed to {@link TrainingListener#logged},
 * with each line's form for a narrower display.
 */
public final class RunLog implements AutoCloseable {

  /** Where a line goes besides the file: the run's listeners. */
  public interface Reader {
    void logged(String line, IntFunction<String> forWidth);
  }

  private static final Logger LOGGER = Logger.getLogger("gmloss.train");

  private final Reader reader;
  private final Path path;
  private final Writer file;

  private RunLog(Reader reader, Path path, Writer file) {
    this.reader = reader;
    this.path = path;
    this.file = file;
  }

  /** A new log, replacing any file at {@code logFile}. */
  public RunLog(Reader reader, Path logFile) throws IOException {
    this(reader, logFile, open(logFile, StandardOpenOption.TRUNCATE_EXISTING));
  }

  /**
   * Continues the log of a resumed run: what was written after the checkpoint (its first
   * {@code length} bytes) is cut, so that no epoch appears twice.
   */
  public static RunLog continuing(Reader reader, Path logFile, long length) throws IOException {
    if (Files.exists(logFile) && Files.size(logFile) > length) {
      try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
        channel.truncate(length);
      }
    }
    return new RunLog(reader, logFile, open(logFile, StandardOpenOption.APPEND));
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
   * A line, kept whole in the file; {@code fitted} gives its form for a display of a given
   * width.
   */
  public void line(String text, IntFunction<String> fitted) {
    LOGGER.log(Level.INFO, text);
    reader.logged(text, fitted);
    try {
      file.write(text);
      file.write(System.lineSeparator());
      file.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
