package gmloss.run;

import gmloss.io.SafeFiles;
import gmloss.options.OptionException;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory of one training run and its rules: {@code run.json} (the record), {@code
 * train.log}, {@code metrics.csv}, {@code tensorboard/} and {@code checkpoints/}. A new run
 * refuses a directory that holds another unless told to write over it; a resume needs a record
 * and a checkpoint.
 */
public final class RunDirectory {

  public static final String LOG = "train.log";

  private final Path path;

  public RunDirectory(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  public Path log() {
    return path.resolve(LOG);
  }

  /**
   * Refuses a directory that already holds something, unless {@code overwrite}.
   *
   * @throws OptionException naming the directory and the ways on
   */
  public static void requireFree(Path runDir, boolean overwrite) throws OptionException {
    if (overwrite || !Files.isDirectory(runDir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(runDir)) {
      if (entries.findAny().isPresent()) {
        throw new OptionException("--run-dir " + runDir
            + ": already holds a run; pass --overwrite to write over it, or --resume it");
      }
    } catch (IOException e) {
      throw new OptionException("--run-dir " + runDir + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * Creates the directory for a new run; the checkpoints of a run written over must not mix
   * with the new run's, so they go.
   */
  public void createFresh() throws IOException {
    Files.createDirectories(path);
    Path oldCheckpoints = path.resolve(CheckpointStore.DIRECTORY);
    if (Files.isDirectory(oldCheckpoints)) {
      SafeFiles.deleteRecursively(oldCheckpoints);
    }
  }

  /** The run's checkpoint store, refused before any training if it cannot be written. */
  public CheckpointStore checkpoints(int keep) throws OptionException {
    CheckpointStore store = new CheckpointStore(path, keep);
    try {
      store.prepare();
    } catch (IOException e) {
      throw new OptionException("--run-dir " + path + ": cannot write checkpoints to "
          + store.directory() + ": " + SafeFiles.reason(e));
    }
    return store;
  }

  /**
   * The record of the run to resume.
   *
   * @throws OptionException if there is no directory or no record in it
   * @throws IOException if the record cannot be read
   */
  public RunRecord recordToResume() throws OptionException, IOException {
    if (!Files.isDirectory(path)) {
      throw new OptionException("--resume " + path + ": directory not found");
    }
    return RunRecord.read(path);
  }

  /**
   * The checkpoint a resume continues from.
   *
   * @throws IOException if the run has none
   */
  public Checkpoint resumePoint(RunRecord record, int keep) throws IOException {
    Optional<Checkpoint> latest = new CheckpointStore(path, keep).latest();
    return latest.orElseThrow(() -> new IOException(path + ": the run stopped before its first"
        + " checkpoint; nothing to resume. Start it again: " + record.command()));
  }
}
