package gmloss.train;

import gmloss.io.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * The checkpoints of a run, in {@code <run>/checkpoints}: one directory per checkpoint,
 * {@code step-NNNNNNNN}, and a file {@code latest} naming the newest.
 *
 * <p>A checkpoint is written into a hidden {@code .partial-} directory, synced, and renamed into
 * place; only then is {@code latest} replaced (write, sync, rename) and older checkpoints beyond
 * the last {@code keep} removed. A process killed at any moment therefore leaves {@code latest}
 * naming a complete checkpoint, and a partial directory is never taken for one.
 */
public final class CheckpointStore {

  public static final String DIRECTORY = "checkpoints";
  static final String LATEST = "latest";
  static final String BEST = "best";
  private static final String PARTIAL = ".partial-";
  private static final Pattern NAME = Pattern.compile("step-(\\d{8,})");

  private final Path directory;
  private final int keep;

  /**
   * @param keep how many checkpoints to keep, at least 1; the newest is always kept
   */
  public CheckpointStore(Path runDir, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, got " + keep);
    }
    this.directory = runDir.resolve(DIRECTORY);
    this.keep = keep;
  }

  public Path directory() {
    return directory;
  }

  /**
   * Makes sure checkpoints can be written here before any training is spent, and removes what a
   * killed writer left half-done.
   */
  public void prepare() throws IOException {
    Files.createDirectories(directory);
    Path probe = Files.createTempFile(directory, PARTIAL, ".probe");
    Files.delete(probe);
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path leftover : entries.filter(p -> p.getFileName().toString().startsWith(PARTIAL))
          .toList()) {
        SafeFiles.deleteRecursively(leftover);
      }
    }
  }

  /** Where the checkpoint after {@code steps} optimizer steps goes. */
  public Path directoryOf(long steps) {
    return directory.resolve(String.format(Locale.ROOT, "step-%08d", steps));
  }

  /** Writes a checkpoint of {@code session} as a whole and makes it the latest. */
  public Checkpoint save(Session session, Checkpoint.State state) throws IOException {
    Path target = directoryOf(state.iterations());
    String name = target.getFileName().toString();
    Path partial = SafeFiles.createUniqueDirectory(directory, PARTIAL + name + "-");
    try {
      Checkpoint.write(partial, session, state);
      // Left by a run killed after this step's rename but before `latest` named it.
      SafeFiles.deleteRecursively(target);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      SafeFiles.sync(directory);
      SafeFiles.writeAtomically(directory.resolve(LATEST), name + "\n");
      prune(target);
      return new Checkpoint(target);
    } finally {
      SafeFiles.deleteRecursively(partial);
    }
  }

  /**
   * The checkpoint {@code latest} names; the newest complete one if {@code latest} is missing
   * or names none (a copy of a run without it, say). Empty when the run has no checkpoint.
   */
  public Optional<Checkpoint> latest() throws IOException {
    Optional<Checkpoint> named = named(LATEST);
    if (named.isPresent()) {
      return named;
    }
    List<Path> all = complete();
    return all.isEmpty() ? Optional.empty()
        : Optional.of(new Checkpoint(all.get(all.size() - 1)));
  }

  /**
   * The checkpoint {@code path} names: the latest of a run directory (empty if it has none yet),
   * or else {@code path} itself, taken as one checkpoint directory.
   */
  public static Optional<Checkpoint> named(Path path) throws IOException {
    if (Files.isDirectory(path.resolve(DIRECTORY))) {
      return new CheckpointStore(path, 1).latest();
    }
    return Optional.of(new Checkpoint(path));
  }

  /** Something read from a checkpoint, which may fail. */
  @FunctionalInterface
  public interface Reading<T> {
    T from(Checkpoint checkpoint) throws IOException;
  }

  /** How often a reading of a live run's newest checkpoint is tried while rotation races it. */
  private static final int ATTEMPTS = 5;

  /**
   * {@code reading} of the newest checkpoint of the run in {@code runDir}, which may still be
   * training. A checkpoint the run removes (it keeps only its newest few) while it is read is no
   * fault of the checkpoint: the reading is done again with the newest one then. Empty when the
   * run has no checkpoint.
   *
   * @throws IOException the reading's own, when the checkpoint it read is still there
   */
  public static <T> Optional<T> readNewest(Path runDir, Reading<T> reading) throws IOException {
    CheckpointStore store = new CheckpointStore(runDir, 1);
    for (int attempt = 1; ; attempt++) {
      Optional<Checkpoint> newest = store.latest();
      if (newest.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(reading.from(newest.get()));
      } catch (IOException e) {
        if (attempt == ATTEMPTS || store.complete().contains(newest.get().directory())) {
          throw e;
        }
      }
    }
  }

  /**
   * Names {@code checkpoint} the best one (on the validation split): it is kept however many
   * newer ones follow.
   */
  public void markBest(Checkpoint checkpoint) throws IOException {
    SafeFiles.writeAtomically(directory.resolve(BEST),
        checkpoint.directory().getFileName() + "\n");
  }

  /** The checkpoint named best, if any. */
  public Optional<Checkpoint> best() throws IOException {
    return named(BEST);
  }

  private Optional<Checkpoint> named(String pointer) throws IOException {
    try {
      String name = Files.readString(directory.resolve(pointer)).strip();
      Path named = directory.resolve(name);
      return NAME.matcher(name).matches() && Files.isDirectory(named)
          ? Optional.of(new Checkpoint(named)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes checkpoints newer than {@code from}: a resumed run retraces the steps after it, so
   * those belong to a timeline that no longer exists.
   */
  public void discardNewerThan(Checkpoint from) throws IOException {
    long step = step(from.directory());
    for (Path checkpoint : complete()) {
      if (step(checkpoint) > step) {
        SafeFiles.deleteRecursively(checkpoint);
      }
    }
  }

  /**
   * Removes the checkpoints written after {@code steps} or more steps, whose weights produced a
   * non-finite loss, and makes the newest remaining one the latest.
   *
   * @return the newest remaining checkpoint, if any
   */
  public Optional<Checkpoint> discardFrom(long steps) throws IOException {
    Path newest = null;
    for (Path checkpoint : complete()) {
      if (step(checkpoint) >= steps) {
        SafeFiles.deleteRecursively(checkpoint);
      } else {
        newest = checkpoint;
      }
    }
    if (newest == null) {
      Files.deleteIfExists(directory.resolve(LATEST));
      return Optional.empty();
    }
    SafeFiles.writeAtomically(directory.resolve(LATEST), newest.getFileName() + "\n");
    return Optional.of(new Checkpoint(newest));
  }

  /** Every complete checkpoint, the newest first, whatever {@code latest} names. */
  public List<Checkpoint> newestFirst() throws IOException {
    List<Checkpoint> all = new ArrayList<>();
    for (Path directory : complete()) {
      all.add(0, new Checkpoint(directory));
    }
    return all;
  }

  /** Complete checkpoint directories, oldest first. */
  List<Path> complete() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .filter(Files::isDirectory)
          .sorted(Comparator.comparingLong(CheckpointStore::step)).toList();
    }
  }

  private void prune(Path newest) throws IOException {
    List<Path> older = new ArrayList<>(complete());
    older.remove(newest);
    best().ifPresent(best -> older.remove(best.directory()));
    for (int i = 0; i < older.size() - (keep - 1); i++) {
      SafeFiles.deleteRecursively(older.get(i));
    }
  }

  private static long step(Path checkpoint) {
    Matcher matcher = NAME.matcher(checkpoint.getFileName().toString());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(checkpoint + " is not a checkpoint directory");
    }
    return Long.parseLong(matcher.group(1));
  }
}
