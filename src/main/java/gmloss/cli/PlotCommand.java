package gmloss.cli;

import gmloss.data.DataRequest;
import gmloss.data.DatasetKind;
import gmloss.data.ImageSet;
import gmloss.export.ModelCard;
import gmloss.inspect.Evaluation;
import gmloss.inspect.LoadedModel;
import gmloss.io.Numbers;
import gmloss.loss.HeadTypes;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.options.OptionValues;
import gmloss.plot.Curves;
import gmloss.plot.FeatureSpace;
import gmloss.train.Checkpoint;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code gmloss plot}: training curves of a run, or the feature space of a 2-D model. */
final class PlotCommand extends CliCommand {

  PlotCommand() {
    super("plot", "training curves of a run, or the feature space of a 2-D model, as PNG",
        "Draws the training curves of a run (--run-dir), the accuracies of several runs side by"
            + " side (--run-dir A --compare B,C), or the test features of a model with a 2-D"
            + " feature (--model DIR --features), as PNG.",
        new OptionSpecs()
            .value("run-dir", "DIR", null, "a run directory: loss, accuracies, learning rate"
                + " and the head's hyper-parameters (GM: alpha, lambda) per epoch")
            .value("compare", "DIRS", null, "with --run-dir: other run directories, separated by"
                + " commas; draws the test and training accuracy of every run instead, each"
                + " named with the options it trained with differently")
            .value("model", "DIR", null, "a SavedModel or run directory of a --feature-dim 2"
                + " model")
            .flag("features", "with --model: the test features by class, the class means and,"
                + " with learned variances, their contours")
            .value("data-dir", "DIR", null, "directory of the dataset's files (default: as for"
                + " train)")
            .value("data-home", "DIR", null, "where gmloss download puts datasets")
            .value("limit", "N", "5000", "test images drawn in the feature picture")
            .value("out", "FILE", null, "the PNG to write (default: curves.png, or with --compare"
                + " compare-<other runs>.png, in the run directory; <model>-features.png beside"
                + " the model)"),
        false, false);
  }

  @Override
  int run(Invocation call, PrintStream console) throws Exception {
    OptionValues options = call.options();
    if (options.optional("compare").isPresent() && options.optional("run-dir").isEmpty()) {
      throw new OptionException("--compare DIRS goes with --run-dir DIR");
    }
    if (options.optional("run-dir").isPresent() == options.optional("model").isPresent()) {
      throw new OptionException("give either --run-dir DIR (curves) or --model DIR --features");
    }
    Optional<Path> out = options.outputFile("out");
    if (options.optional("run-dir").isPresent()) {
      Path runDir = options.path("run-dir").orElseThrow();
      Optional<String> others = options.optional("compare");
      if (others.isPresent()) {
        List<Path> runs = new ArrayList<>(List.of(runDir));
        for (String other : others.get().split(",", -1)) {
          if (other.isBlank()) {
            throw new OptionException("--compare " + others.get() + ": an empty directory name;"
                + " separate the run directories by single commas");
          }
          runs.add(Path.of(other.strip()));
        }
        Path png = out.orElse(runDir.resolve("compare-" + runs.subList(1, runs.size()).stream()
            .map(Curves::runName).collect(Collectors.joining("-")) + ".png"));
        // A softmax run's legend names no alpha: only the head's own options say what it trained.
        Curves.compare(runs, recorded -> HeadTypes.named(recorded.getOrDefault("loss", ""))
            .map(HeadTypes::optionsOfOthers).orElse(List.of()), png);
        console.println("accuracies of " + runs.stream().map(Path::toString)
            .collect(Collectors.joining(", ")) + " written to " + png);
        return ExitCode.OK;
      }
      Path png = out.orElse(runDir.resolve("curves.png"));
      Curves.write(runDir.resolve("metrics.csv"), png);
      console.println("curves of " + runDir + " written to " + png);
      return ExitCode.OK;
    }
    if (!options.flag("features")) {
      throw new OptionException("--model draws --features only");
    }
    Path modelDir = options.existingDirectory("model");
    try (LoadedModel model = LoadedModel.open(modelDir)) {
      if (model.card().featureDim() != 2) {
        throw new OptionException("--model " + modelDir + ": its feature has "
            + (model.card().featureDim() == 0 ? 64 : model.card().featureDim())
            + " dimensions; train with --feature-dim 2 for this picture");
      }
      DatasetKind kind = DatasetKind.fromCliName(model.card().dataset().startsWith("folder:")
          ? "folder" : model.card().dataset()).orElseThrow(() -> new OptionException(
              "the model's dataset " + model.card().dataset() + " is not one gmloss reads"));
      DataRequest request = DataRequest.of(Optional.empty(), options.path("data-dir"),
          options.path("data-home"));
      ImageSet test = kind.load(request.directory(kind), false).test()
          .first(options.integer("limit", 1, Integer.MAX_VALUE));
      float[][] features = Evaluation.features(model, test, 500);
      Path png = out.orElse(modelDir.toAbsolutePath().resolveSibling(
          modelDir.getFileName() + "-features.png"));
      FeatureSpace.write(String.format("%s, 2-D feature, %d %s test images",
          lossTitle(model.card()), test.size(), model.card().dataset()), features,
          test.labels(), model.card().classNames(), model.means(), model.variances(), png);
      console.println("features of " + test.size() + " test images written to " + png);
    }
    return ExitCode.OK;
  }

  /** "gm loss (alpha 0.1, lambda 0.1)" or "softmax loss": the settings the picture depends on. */
  private static String lossTitle(ModelCard card) {
    Map<String, Checkpoint.Scheduled> values = card.hyperParameters();
    return card.loss() + " loss" + (values == null || values.isEmpty() ? ""
        : values.entrySet().stream().map(e -> e.getKey() + " "
            + Numbers.compact(e.getValue().value())).collect(Collectors.joining(", ", " (", ")")));
  }
}
