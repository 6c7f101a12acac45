package gmloss.cli;

import gmloss.data.Dataset;
import gmloss.data.ImageSet;
import gmloss.inspect.ConfusionMatrix;
import gmloss.inspect.Evaluation;
import gmloss.inspect.LoadedModel;
import gmloss.inspect.ModelData;
import gmloss.inspect.Tta;
import gmloss.io.EnumNames;
import gmloss.io.Json;
import gmloss.io.SafeFiles;
import gmloss.loss.MixtureFit;
import gmloss.options.OptionException;
import gmloss.options.OptionValues;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code gmloss evaluate}: accuracy, per-class accuracy and confusion matrix of a model. */
final class EvaluateCommand extends CliCommand {

  EvaluateCommand() {
    super("evaluate", "accuracy, per-class accuracy and confusion matrix of a model on a dataset",
        "Evaluates a SavedModel, or the latest checkpoint of a run, on a split of a dataset.",
        ModelOptions.withTta(ModelOptions.withPrecision(ModelOptions.specs()))
            .value("split", "NAME", "test", "test or train")
            .value("limit", "N", "0", "only the first N images of the split (0: all)")
            .value("batch-size", "N", "500", "images per batch")
            .value("csv", "FILE", null, "also write the confusion matrix to FILE as CSV"),
        true, false);
  }

  @Override
  int run(Invocation call, PrintStream out) throws Exception {
    OptionValues options = call.options();
    Path modelDir = options.existingDirectory("model");
    String split = options.string("split");
    if (!split.equals("test") && !split.equals("train")) {
      throw new OptionException("--split " + split + ": expected test or train");
    }
    int limit = options.integer("limit", 0, Integer.MAX_VALUE);
    int batchSize = options.integer("batch-size", 1, 65_536);
    Optional<Path> csv = options.outputFile("csv");
    Tta tta = options.choice("tta", Tta.class);
    try (LoadedModel model = LoadedModel.open(modelDir,
        ModelOptions.precision(options, call.err()))) {
      ModelData modelData = ModelData.load(model, ModelOptions.data(options));
      Dataset data = modelData.data();
      ImageSet images = (split.equals("test") ? data.test() : data.train());
      images = limit > 0 ? images.first(limit) : images;
      modelData.requireFits(model, images);
      Evaluation evaluation = Evaluation.of(model, images, batchSize);
      ConfusionMatrix matrix = evaluation.confusion();
      Optional<MixtureFit> fit = evaluation.fit();
      Optional<ConfusionMatrix> augmented = tta == Tta.NONE ? Optional.empty()
          : Optional.of(Evaluation.of(model, images, batchSize, tta).confusion());
      // The results first: a failed write must not lose them.
      out.print(options.flag("json")
          ? json(model, data.name(), split, matrix, fit, tta, augmented)
          : report(model, data.name(), split, matrix, fit, tta, augmented));
      if (csv.isPresent()) {
        SafeFiles.writeAtomically(csv.get(), matrix.csv());
      }
    }
    return ExitCode.OK;
  }

  private static String report(LoadedModel model, String dataset, String split,
      ConfusionMatrix matrix, Optional<MixtureFit> fit, Tta tta,
      Optional<ConfusionMatrix> augmented) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "model: %s (%s loss, ResNet-%d, trained on %s)%n",
        model.directory(), model.card().loss(), model.card().depth(), model.card().dataset()));
    text.append(String.format(Locale.ROOT, "data: %s, %s split, %d images%n", dataset, split,
        matrix.total()));
    text.append(String.format(Locale.ROOT, "accuracy: %.2f%% (%d of %d)%n",
        100 * matrix.accuracy(), matrix.correct(), matrix.total()));
    augmented.ifPresent(a -> text.append(String.format(Locale.ROOT, "accuracy with --tta %s:"
        + " %.2f%% (%d of %d), %s%n", EnumNames.of(tta), 100 * a.accuracy(), a.correct(),
        a.total(), "the mean logits of each image and its mirror")));
    if (model.hasCentres()) {
      text.append(String.format(Locale.ROOT, "mean log-likelihood of the predicted class: %.4f"
          + " (up to the constant D/2 log 2 pi)%n", matrix.meanLogLikelihood()));
    }
    fit.ifPresent(f -> text.append(String.format(Locale.ROOT, "mixture fit: class means lie"
        + " %.2f cluster spreads from their features' centroids (mean over classes); %.2f%% of"
        + " images are most likely under their own class%n", f.meanRelativeOffset(),
        100 * f.ownLikelihoodShare())));
    text.append("per class:\n");
    for (int k = 0; k < matrix.classNames().size(); k++) {
      text.append(String.format(Locale.ROOT, "  %-16s %7.2f%%  (%d of %d)%n",
          matrix.classNames().get(k), 100 * matrix.classAccuracy(k), matrix.count(k, k),
          matrix.support(k)));
    }
    text.append("confusion matrix (rows: true class, columns: predicted class):\n");
    text.append(matrix.table());
    return text.toString();
  }

  private static String json(LoadedModel model, String dataset, String split,
      ConfusionMatrix matrix, Optional<MixtureFit> fit, Tta tta,
      Optional<ConfusionMatrix> augmented) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("model", model.directory().toString());
    result.put("dataset", dataset);
    result.put("split", split);
    result.put("images", matrix.total());
    result.put("correct", matrix.correct());
    result.put("accuracy", matrix.accuracy());
    if (model.hasCentres()) {
      result.put("meanLogLikelihood", matrix.meanLogLikelihood());
    }
    augmented.ifPresent(a -> {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("kind", EnumNames.of(tta));
      figures.put("correct", a.correct());
      figures.put("accuracy", a.accuracy());
      if (model.hasCentres()) {
        figures.put("meanLogLikelihood", a.meanLogLikelihood());
      }
      result.put("tta", figures);
    });
    fit.ifPresent(f -> {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("meanRelativeOffset", f.meanRelativeOffset());
      Map<String, Double> perClass = new LinkedHashMap<>();
      for (int k = 0; k < f.relativeOffsets().length; k++) {
        perClass.put(matrix.classNames().get(k), f.relativeOffsets()[k]);
      }
      figures.put("relativeOffsets", perClass);
      figures.put("ownLikelihoodShare", f.ownLikelihoodShare());
      result.put("mixtureFit", figures);
    });
    List<Map<String, Object>> perClass = new ArrayList<>();
    List<long[]> rows = new ArrayList<>();
    for (int k = 0; k < matrix.classNames().size(); k++) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("class", matrix.classNames().get(k));
      entry.put("images", matrix.support(k));
      entry.put("accuracy", matrix.classAccuracy(k));
      perClass.add(entry);
      long[] row = new long[matrix.classNames().size()];
      for (int j = 0; j < row.length; j++) {
        row[j] = matrix.count(k, j);
      }
      rows.add(row);
    }
    result.put("perClass", perClass);
    result.put("confusion", rows);
    return Json.GSON.toJson(result) + "\n";
  }
}
