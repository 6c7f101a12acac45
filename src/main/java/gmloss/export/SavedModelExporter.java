package gmloss.export;

import gmloss.network.Inference;
import gmloss.network.ModelSpec;
import gmloss.network.Network;
import gmloss.train.Checkpoint;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
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

  /**
   * Exports the model of {@code checkpoint} to {@code target} with its card. The model is written
   * to a temporary sibling directory first and renamed into place, so a failed export leaves
   * nothing half-written.
   *
   * @throws FileAlreadyExistsException if {@code target} exists and {@code overwrite} is false
   */
  public static void export(Checkpoint checkpoint, Path target, boolean overwrite)
      throws IOException {
    Checkpoint.State state = checkpoint.readState();
    ModelSpec spec = state.spec();
    Path absolute = target.toAbsolutePath();
    if (Files.exists(absolute) && !overwrite) {
      throw new FileAlreadyExistsException(absolute.toString(), null,
          "already exists; pass --overwrite to replace it");
    }
    Files.createDirectories(absolute.getParent());
    Path staging = Files.createTempDirectory(absolute.getParent(),
        "." + absolute.getFileName() + ".partial-");
    try {
      List<Signature> signatures = writeModel(spec, checkpoint, staging);
      ModelCard.of(state, signatures.stream().map(Signature::key).toList()).write(staging);
      replace(staging, absolute);
    } finally {
      deleteRecursively(staging);
    }
  }

  private static List<Signature> writeModel(ModelSpec spec, Checkpoint checkpoint,
      Path directory) throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images = tf.withName(Signatures.INPUT).placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, spec.height(), spec.width(), spec.channels())));
      Inference inference = new Network(tf, spec, 0).infer(images);
      List<Signature> signatures = Signatures.of(images, inference);
      try (Session session = new Session(graph)) {
        checkpoint.restore(session);
        SavedModelBundle.exporter(directory.toString()).withSession(session)
            .withSignatures(signatures.toArray(Signature[]::new)).export();
      }
      return signatures;
    }
  }

  private static void replace(Path staging, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
      Files.delete(old);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteRecursively(old);
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
