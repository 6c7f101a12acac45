package gmloss.export;

import gmloss.io.SafeFiles;
import gmloss.network.Inference;
import gmloss.network.ModelSpec;
import gmloss.network.Network;
import gmloss.train.Checkpoint;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes a SavedModel of the inference path alone: a fresh graph with the network's inference
 * outputs, its variables restored from a checkpoint. No training op, label or flag is in it.
 */
public final class SavedModelExporter {

  private SavedModelExporter() {}

  /** Moves a directory; a parameter so that tests can make the second move fail. */
  @FunctionalInterface
  interface Mover {
    void move(Path from, Path to) throws IOException;
  }

  private static final Mover ATOMIC = (from, to) -> Files.move(from, to,
      StandardCopyOption.ATOMIC_MOVE);

  /**
   * Exports the model of {@code checkpoint} to {@code target} with its card. The model is written
   * to a temporary sibling directory first and renamed into place, so a failed export leaves
   * nothing half-written, and a model it replaces is either still there or replaced whole.
   *
   * @throws FileAlreadyExistsException if {@code target} exists and {@code overwrite} is false
   */
  public static void export(Checkpoint checkpoint, Path target, boolean overwrite)
      throws IOException {
    export(checkpoint, target, overwrite, checkpoint.readState().command());
  }

  /**
   * As {@link #export(Checkpoint, Path, boolean)}, the card giving {@code command} as the
   * command that trained the model instead of the one the checkpoint recorded.
   */
  public static void export(Checkpoint checkpoint, Path target, boolean overwrite,
      String command) throws IOException {
    Checkpoint.State state = checkpoint.readState();
    ModelSpec spec = state.spec();
    Path absolute = target.toAbsolutePath();
    checkTarget(absolute, overwrite);
    Files.createDirectories(absolute.getParent());
    Path staging = SafeFiles.createUniqueDirectory(absolute.getParent(),
        "." + absolute.getFileName() + STAGING);
    try {
      List<Signature> signatures = writeModel(spec, 0, checkpoint::restore, staging);
      ModelCard.of(state, command, signatures.stream().map(Signature::key).toList())
          .write(staging);
      SafeFiles.syncTree(staging);
      replace(staging, absolute, ATOMIC);
    } finally {
      SafeFiles.deleteRecursively(staging);
    }
  }

  /**
   * Refuses an existing {@code target} unless {@code overwrite}, after putting back a model that
   * a replace killed between its two renames left under a hidden name.
   *
   * @throws FileAlreadyExistsException if {@code target} exists and {@code overwrite} is false
   */
  public static void checkTarget(Path target, boolean overwrite) throws IOException {
    Path absolute = target.toAbsolutePath();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new FileAlreadyExistsException(target.toString(), null, "is a file, not a"
          + " directory");
    }
    if (Files.isDirectory(absolute.getParent())) {
      List<Path> hidden;
      List<Path> staged;
      try (Stream<Path> siblings = Files.list(absolute.getParent())) {
        List<Path> all = siblings.toList();
        hidden = all.stream().filter(p -> p.getFileName().toString()
            .startsWith("." + absolute.getFileName() + REPLACED)).toList();
        staged = all.stream().filter(p -> p.getFileName().toString()
            .startsWith("." + absolute.getFileName() + STAGING)).toList();
      }
      // Left by an export that was killed: never a model.
      for (Path leftover : staged) {
        SafeFiles.deleteRecursively(leftover);
      }
      if (!Files.exists(absolute) && hidden.size() == 1) {
        ATOMIC.move(hidden.get(0), absolute);
      } else if (Files.exists(absolute)) {
        for (Path leftover : hidden) {
          SafeFiles.deleteRecursively(leftover);
        }
      }
    }
    if (Files.exists(absolute) && !overwrite) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "already exists; pass --overwrite to replace it");
    }
    if (Files.exists(absolute) && !isComplete(absolute) && !isEmpty(absolute)) {
      // --overwrite replaces a model gmloss wrote, never a directory of other files.
      throw new FileAlreadyExistsException(target.toString(), null, "holds files that are not a"
          + " gmloss SavedModel; not replacing it. Give another directory");
    }
  }

  /** Whether {@code directory} holds a whole SavedModel written by gmloss, with its card. */
  public static boolean isComplete(Path directory) {
    return Files.isRegularFile(directory.resolve("saved_model.pb"))
        && Files.isRegularFile(directory.resolve(ModelCard.FILE_NAME))
        && Files.isDirectory(directory.resolve("variables"));
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  private static final String STAGING = ".partial-";
  private static final String REPLACED = ".old-";

  /** Where the weights of an exported graph come from. */
  @FunctionalInterface
  private interface Weights {
    void load(Session session) throws IOException;
  }

  /**
   * Writes a SavedModel of a network with its initial weights (from {@code seed}) and no card:
   * a model of the right shape and cost, for measuring speed.
   */
  public static void exportUntrained(ModelSpec spec, long seed, Path directory)
      throws IOException {
    writeModel(spec, seed, Session::initialize, directory);
  }

  private static List<Signature> writeModel(ModelSpec spec, long seed, Weights weights,
      Path directory) throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images = tf.withName(Signatures.INPUT).placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, spec.height(), spec.width(), spec.channels())));
      Inference inference = new Network(tf, spec, seed).infer(images);
      List<Signature> signatures = Signatures.of(images, inference, spec.head());
      try (Session session = new Session(graph)) {
        weights.load(session);
        SavedModelBundle.exporter(directory.toString()).withSession(session)
            .withSignatures(signatures.toArray(Signature[]::new)).export();
      }
      return signatures;
    }
  }

  /**
   * Renames {@code staging} to {@code target}, moving an existing {@code target} aside first and
   * back again if the second rename fails.
   */
  static void replace(Path staging, Path target, Mover mover) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + REPLACED);
      Files.delete(old);
      mover.move(target, old);
    }
    try {
      mover.move(staging, target);
    } catch (IOException | RuntimeException e) {
      if (old != null) {
        try {
          mover.move(old, target);
        } catch (IOException | RuntimeException restore) {
          e.addSuppressed(restore);
          throw new IOException(target + ": the new model could not be moved into place ("
              + e.getMessage() + ") and the previous one is at " + old, e);
        }
      }
      throw e;
    }
    if (old != null) {
      SafeFiles.deleteRecursively(old);
    }
  }
}
