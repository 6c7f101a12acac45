package gmloss.cli;

import gmloss.export.SavedModelExporter;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code gmloss export}: a checkpoint to a SavedModel, without retraining. */
final class ExportCommand extends OptionCommand {

  static final OptionTable OPTIONS = new OptionTable("export",
      "Writes a SavedModel of the inference path from a training checkpoint.")
      .value("checkpoint", "DIR", null, "a run directory (runs/<run-name>), whose latest"
          + " checkpoint is exported, or one checkpoint directory in it; required")
      .value("export-dir", "DIR", null, "SavedModel destination; required")
      .flag("overwrite", "replace an existing export directory")
      .flag("verbose", "print stack traces of errors");

  ExportCommand() {
    super("export", "write a SavedModel (and its model card) from a checkpoint",
        OPTIONS);
  }

  @Override
  int run(ParsedOptions options, PrintStream out) throws Exception {
    Path given = options.existingDirectory("checkpoint");
    Path target = options.path("export-dir")
        .orElseThrow(() -> new UsageException("--export-dir is required"));
    Checkpoint checkpoint = checkpoint(given);
    try {
      SavedModelExporter.export(checkpoint, target, options.flag("overwrite"));
    } catch (FileAlreadyExistsException e) {
      throw new UsageException("--export-dir " + target + ": " + e.getReason());
    }
    out.println("SavedModel of " + checkpoint.directory() + " written to " + target);
    return Main.OK;
  }

  /** The checkpoint {@code given} names: itself, or the latest of a run. */
  private static Checkpoint checkpoint(Path given) throws UsageException, IOException {
    if (Files.isDirectory(given.resolve(CheckpointStore.DIRECTORY))) {
      return new CheckpointStore(given, 1).latest().orElseThrow(() -> new UsageException(
          "--checkpoint " + given + ": the run has no checkpoint yet"));
    }
    return new Checkpoint(given);
  }
}
