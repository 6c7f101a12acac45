package gmloss.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file or directory that is missing or does not hold what its format promises. */
public final class DataFileException extends IOException {

  private final transient Path file;

  public DataFileException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public DataFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
