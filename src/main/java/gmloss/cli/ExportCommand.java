package gmloss.cli;

import gmloss.export.SavedModelExporter;
import gmloss.train.Checkpoint;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code gmloss export}: a checkpoint to a SavedModel, without retraining. */
final class ExportCommand implements Command {

  static final OptionTable OPTIONS = new OptionTable("export",
      "Writes a SavedModel of the inference path from a training checkpoint.")
      .value("checkpoint", "DIR", null,
          "a run directory (runs/<run-name>) or its checkpoint/ directory; required")
      .value("export-dir", "DIR", null, "SavedModel destination; required")
      .flag("overwrite", "replace an existing export directory")
      .flag("verbose", "print stack traces of errors");

  @Override
  public String name() {
    return "export";
  }

  @Override
  public String summary() {
    return "write a SavedModel (and its model card) from a checkpoint";
  }

  @Override
  public int run(String[] args, PrintStream out) throws Exception {
    ParsedOptions options = OPTIONS.parse(args, Map.of());
    if (options.helpRequested()) {
      out.print(OPTIONS.help(""));
      return Main.OK;
    }
    Path given = options.path("checkpoint")
        .orElseThrow(() -> new UsageException("--checkpoint is required"));
    Path target = options.path("export-dir")
        .orElseThrow(() -> new UsageException("--export-dir is required"));
    Path directory = Files.isDirectory(given.resolve("checkpoint"))
        ? given.resolve("checkpoint") : given;
    if (!Files.isDirectory(directory)) {
      throw new UsageException("--checkpoint " + given + ": directory not found");
    }
    if (Files.exists(target) && !options.flag("overwrite")) {
      throw new UsageException("--export-dir " + target
          + ": already exists; pass --overwrite to replace it");
    }
    Checkpoint checkpoint = new Checkpoint(directory);
    SavedModelExporter.export(checkpoint, target, options.flag("overwrite"));
    out.println("SavedModel of " + directory + " written to " + target);
    return Main.OK;
  }
}
