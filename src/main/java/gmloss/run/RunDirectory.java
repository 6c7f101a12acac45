package gmloss.run;

import gmloss.export.SavedModelExporter;
import gmloss.io.SafeFiles;
import gmloss.options.OptionException;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import gmloss.train.TensorBoard;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The directory of one training run and its rules: {@code run.json} (the record), {@code
 * train.log}, {@code metrics.csv}, {@code tensorboard/}, {@code checkpoints/} and, by default,
 * the exported {@code model/}. A new run refuses a directory that holds another unless told to
 * write over it, and then removes only what a run writes; one process at a time writes a run
 * (a lock the operating system releases when the process dies); a resume needs a record.
 */
public final class RunDirectory {

  public static final String LOG = "train.log";
  static final String METRICS = "metrics.csv";
  private static final String LOCK = ".lock";
  /** What a run writes at its top level, and so what writing over a run may remove. */
  private static final Set<String> OWNED = Set.of(RunRecord.FILE_NAME, LOG, METRICS,
      CheckpointStore.DIRECTORY, TensorBoard.DIRECTORY, LOCK);

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
   * Refuses a path that is a file, a directory that holds a run unless {@code overwrite}, and a
   * directory that holds anything else, which is not a run to write over.
   *
   * @throws OptionException naming the directory and the ways on
   */
  public static void requireFree(Path runDir, boolean overwrite) throws OptionException {
    if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
      throw new OptionException("--run-dir " + runDir + ": is a file, not a directory");
    }
    if (!Files.isDirectory(runDir)) {
      return;
    }
    boolean empty;
    try (Stream<Path> entries = Files.list(runDir)) {
      empty = entries.allMatch(entry -> entry.getFileName().toString().equals(LOCK));
    } catch (IOException e) {
      throw new OptionException("--run-dir " + runDir + ": cannot read: " + e.getMessage());
    }
    if (empty) {
      return;
    }
    if (!Files.isRegularFile(runDir.resolve(RunRecord.FILE_NAME))) {
      throw new OptionException("--run-dir " + runDir + ": holds files but no gmloss run (no "
          + RunRecord.FILE_NAME + "); give a new or empty directory");
    }
    if (!overwrite) {
      throw new OptionException("--run-dir " + runDir
          + ": already holds a run; pass --overwrite to write over it, or --resume it");
    }
  }

  /**
   * Refuses an export directory that would take the run with it when written: the run
   * directory itself, one that holds the run directory, or one of the run's own files.
   */
  static void requireSeparate(Path runDir, Path exportDir) throws OptionException {
    Path run = runDir.toAbsolutePath().normalize();
    Path export = exportDir.toAbsolutePath().normalize();
    if (run.startsWith(export)) {
      throw new OptionException("--export-dir " + exportDir + ": "
          + (run.equals(export) ? "is the run directory" : "holds the run directory " + runDir)
          + "; writing the model there would remove the run. Give another directory");
    }
    if (export.getParent() != null && export.getParent().equals(run)
        && OWNED.contains(export.getFileName().toString())) {
      throw new OptionException("--export-dir " + exportDir + ": is one of the run's own files;"
          + " give another directory");
    }
  }

  /**
   * Readies the directory for a run from step 0: what an earlier run wrote there (its
   * checkpoints, metrics, TensorBoard events and a model exported inside it) goes, so that
   * nothing of it mixes with the new run's; anything else stays.
   */
  void clearForFreshStart(Path exportDir) throws IOException {
    for (String owned : List.of(CheckpointStore.DIRECTORY, TensorBoard.DIRECTORY)) {
      if (Files.isDirectory(path.resolve(owned))) {
        SafeFiles.deleteRecursively(path.resolve(owned));
      }
    }
    Files.deleteIfExists(path.resolve(METRICS));
    Path export = exportDir.toAbsolutePath().normalize();
    if (path.toAbsolutePath().normalize().equals(export.getParent())
        && SavedModelExporter.isComplete(export)) {
      SafeFiles.deleteRecursively(export);
    }
  }

  /** Holds the run for this process until closed, or until the process ends. */
  public static final class Lock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() throws IOException {
      lock.release();
      channel.close();
    }
  }

  /**
   * Takes the run for this process, creating the directory if needed.
   *
   * @throws IOException naming the process that holds it
   */
  public Lock lock() throws IOException {
    Files.createDirectories(path);
    Path file = path.resolve(LOCK);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
      channel.close();
      throw new IOException(path + ": another gmloss process" + (holder.isEmpty() ? ""
          : " (pid " + holder + ")") + " is writing this run; wait for it to end, or stop it"
          + " first");
    }
    channel.truncate(0);
    channel.write(StandardCharsets.UTF_8.encode(Long.toString(ProcessHandle.current().pid())));
    channel.force(true);
    return new Lock(channel, lock);
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

  /** The run's complete checkpoints, newest first; none before the first. */
  List<Checkpoint> checkpointsNewestFirst() throws IOException {
    return new CheckpointStore(path, 1).newestFirst();
  }
}
