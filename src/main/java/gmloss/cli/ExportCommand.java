package gmloss.cli;

import gmloss.export.SavedModelExporter;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/** {@code gmloss export}: a checkpoint to a SavedModel, without retraining. */
final class ExportCommand extends CliCommand {

  ExportCommand() {
    super("export", "write a SavedModel (and its model card) from a checkpoint",
        "Writes a SavedModel of the inference path from a training checkpoint.",
        new OptionSpecs()
            .value("checkpoint", "DIR", null, "a run directory (runs/<run-name>), whose latest"
                + " checkpoint is exported, or one checkpoint directory in it; required")
            .value("export-dir", "DIR", null, "SavedModel destination; required")
            .flag("overwrite", "replace an existing export directory"), false, false);
  }

  @Override
  int run(Invocation call, PrintStream out) throws Exception {
    Path given = call.options().existingDirectory("checkpoint");
    Path target = call.options().path("export-dir")
        .orElseThrow(() -> new OptionException("--export-dir is required"));
    Checkpoint checkpoint = CheckpointStore.named(given).orElseThrow(() -> new OptionException(
        "--checkpoint " + given + ": the run has no checkpoint yet"));
    try {
      SavedModelExporter.export(checkpoint, target, call.options().flag("overwrite"));
    } catch (FileAlreadyExistsException e) {
      throw new OptionException("--export-dir " + target + ": " + e.getReason());
    }
    out.println("SavedModel of " + checkpoint.directory() + " written to " + target);
    return ExitCode.OK;
  }
}
