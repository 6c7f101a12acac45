package gmloss.cli;

import gmloss.export.SavedModelExporter;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.run.RunRecord;
import gmloss.train.Checkpoint;
import gmloss.train.CheckpointStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
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
    boolean overwrite = call.options().flag("overwrite");
    CheckpointStore.Reading<Checkpoint> export = checkpoint -> {
      SavedModelExporter.export(checkpoint, target, overwrite, trainingCommand(checkpoint, out));
      return checkpoint;
    };
    Checkpoint checkpoint;
    try {
      // A run's newest checkpoint, read even while the run trains on and rotates them.
      checkpoint = Files.isDirectory(given.resolve(CheckpointStore.DIRECTORY))
          ? CheckpointStore.readNewest(given, export).orElseThrow(() -> new OptionException(
              "--checkpoint " + given + ": the run has no checkpoint yet"))
          : export.from(new Checkpoint(given));
    } catch (FileAlreadyExistsException e) {
      throw new OptionException("--export-dir " + target + ": " + e.getReason());
    }
    out.println("SavedModel of " + checkpoint.directory() + " written to " + target);
    return ExitCode.OK;
  }

  /**
   * The command the card gives: from the run's record when the checkpoint is still in its run
   * directory, since only the record knows the options a default filled in; else the one the
   * checkpoint kept.
   */
  private static String trainingCommand(Checkpoint checkpoint, PrintStream out)
      throws IOException {
    Path runDir = checkpoint.directory().toAbsolutePath().getParent().getParent();
    if (!Files.isRegularFile(runDir.resolve(RunRecord.FILE_NAME))) {
      return checkpoint.readState().command();
    }
    try {
      return RunRecord.read(runDir).cardCommand();
    } catch (OptionException | IOException e) {
      out.println("note: " + e.getMessage() + "; the card gives the command the checkpoint"
          + " recorded");
      return checkpoint.readState().command();
    }
  }
}
