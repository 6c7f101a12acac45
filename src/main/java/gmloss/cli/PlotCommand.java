package gmloss.cli;

import gmloss.data.Batch;
import gmloss.data.BatchLoader;
import gmloss.data.Dataset;
import gmloss.data.DatasetKind;
import gmloss.data.ImageSet;
import gmloss.inspect.LoadedModel;
import gmloss.plot.Curves;
import gmloss.plot.FeatureSpace;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code gmloss plot}: training curves of a run, or the feature space of a 2-D model. */
final class PlotCommand extends OptionCommand {

  static final OptionTable OPTIONS = new OptionTable("plot",
      "Draws the training curves of a run (--run-dir), the accuracies of two runs side by side"
          + " (--run-dir A --compare B), or the test features of a model with a 2-D feature"
          + " (--model DIR --features), as PNG.")
      .value("run-dir", "DIR", null, "a run directory: loss, accuracies, learning rate, alpha"
          + " and lambda per epoch")
      .value("compare", "DIR", null, "with --run-dir: another run directory; draws the test and"
          + " training accuracy of both runs instead")
      .value("model", "DIR", null, "a SavedModel or run directory of a --feature-dim 2 model")
      .flag("features", "with --model: the test features by class, the class means and, with"
          + " learned variances, their contours")
      .value("data-dir", "DIR", null, "directory of the dataset's files (default: as for train)")
      .value("data-home", "DIR", null, "where gmloss download puts datasets")
      .value("limit", "N", "5000", "test images drawn in the feature picture")
      .value("out", "FILE", null, "the PNG to write (default: curves.png, or with --compare"
          + " compare-<other run>.png, in the run directory; <model>-features.png beside the"
          + " model)")
      .flag("verbose", "print stack traces of errors");

  PlotCommand() {
    super("plot", "training curves of a run, or the feature space of a 2-D model, as PNG",
        OPTIONS);
  }

  @Override
  int run(ParsedOptions options, PrintStream out) throws Exception {
    if (options.optional("compare").isPresent() && options.optional("run-dir").isEmpty()) {
      throw new UsageException("--compare DIR goes with --run-dir DIR");
    }
    if (options.optional("run-dir").isPresent() == options.optional("model").isPresent()) {
      throw new UsageException("give either --run-dir DIR (curves) or --model DIR --features");
    }
    if (options.optional("run-dir").isPresent()) {
      Path runDir = options.path("run-dir").orElseThrow();
      Optional<Path> other = options.path("compare");
      if (other.isPresent()) {
        Path png = options.path("out").orElse(
            runDir.resolve("compare-" + Curves.runName(other.get()) + ".png"));
        Curves.compare(List.of(runDir, other.get()), png);
        out.println("accuracies of " + runDir + " and " + other.get() + " written to " + png);
        return Main.OK;
      }
      Path png = options.path("out").orElse(runDir.resolve("curves.png"));
      Curves.write(runDir.resolve("metrics.csv"), png);
      out.println("curves of " + runDir + " written to " + png);
      return Main.OK;
    }
    if (!options.flag("features")) {
      throw new UsageException("--model draws --features only");
    }
    Path modelDir = options.existingDirectory("model");
    try (LoadedModel model = LoadedModel.open(modelDir)) {
      if (model.card().featureDim() != 2) {
        throw new UsageException("--model " + modelDir + ": its feature has "
            + (model.card().featureDim() == 0 ? 64 : model.card().featureDim())
            + " dimensions; train with --feature-dim 2 for this picture");
      }
      DatasetKind kind = DatasetKind.fromCliName(model.card().dataset().startsWith("folder:")
          ? "folder" : model.card().dataset()).orElseThrow(() -> new UsageException(
              "the model's dataset " + model.card().dataset() + " is not one gmloss reads"));
      Dataset data = kind.load(TrainCommand.dataDirectory(options, kind), false);
      ImageSet test = data.test().first(options.integer("limit", 1, Integer.MAX_VALUE));
      float[][] features = new float[test.size()][];
      int next = 0;
      try (BatchLoader.Stream batches = BatchLoader.evaluation(test, 500).epoch(0)) {
        while (batches.hasNext()) {
          try (Batch batch = batches.next()) {
            for (float[] row : model.features(batch.images())) {
              features[next++] = row;
            }
          }
        }
      }
      Path png = options.path("out").orElse(modelDir.toAbsolutePath().resolveSibling(
          modelDir.getFileName() + "-features.png"));
      FeatureSpace.write(String.format("%s loss, 2-D feature, %d %s test images",
          model.card().loss().toUpperCase(java.util.Locale.ROOT), test.size(),
          model.card().dataset()), features, test.labels(), model.card().classNames(),
          model.means(), model.variances(), png);
      out.println("features of " + test.size() + " test images written to " + png);
    }
    return Main.OK;
  }
}
