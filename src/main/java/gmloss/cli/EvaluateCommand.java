package gmloss.cli;

import gmloss.data.Batch;
import gmloss.data.BatchLoader;
import gmloss.data.Dataset;
import gmloss.data.ImageSet;
import gmloss.inspect.ConfusionMatrix;
import gmloss.inspect.LoadedModel;
import gmloss.io.SafeFiles;
import gmloss.network.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code gmloss evaluate}: accuracy, per-class accuracy and confusion matrix of a model. */
final class EvaluateCommand extends OptionCommand {

  static final OptionTable OPTIONS = ModelData.withModelAndData(new OptionTable("evaluate",
      "Evaluates a SavedModel, or the latest checkpoint of a run, on a split of a dataset."))
      .value("split", "NAME", "test", "test or train")
      .value("limit", "N", "0", "only the first N images of the split (0: all)")
      .value("batch-size", "N", "500", "images per batch")
      .value("csv", "FILE", null, "also write the confusion matrix to FILE as CSV")
      .flag("json", "print the results as one JSON object")
      .flag("verbose", "print stack traces of errors");

  EvaluateCommand() {
    super("evaluate", "accuracy, per-class accuracy and confusion matrix of a model on a dataset",
        OPTIONS);
  }

  @Override
  int run(ParsedOptions options, PrintStream out) throws Exception {
    Path modelDir = options.existingDirectory("model");
    String split = options.string("split");
    if (!split.equals("test") && !split.equals("train")) {
      throw new UsageException("--split " + split + ": expected test or train");
    }
    int limit = options.integer("limit", 0, Integer.MAX_VALUE);
    int batchSize = options.integer("batch-size", 1, 65_536);
    try (LoadedModel model = LoadedModel.open(modelDir)) {
      ModelData modelData = ModelData.load(options, model, "dataset", "data-dir");
      Dataset data = modelData.data();
      ImageSet images = (split.equals("test") ? data.test() : data.train());
      images = limit > 0 ? images.first(limit) : images;
      modelData.requireFits(model, images, "data-dir");
      ConfusionMatrix matrix = evaluate(model, images, batchSize, model.card().classNames());
      if (options.optional("csv").isPresent()) {
        SafeFiles.writeAtomically(Path.of(options.string("csv")), matrix.csv());
      }
      out.print(options.flag("json") ? json(model, data.name(), split, matrix)
          : report(model, data.name(), split, matrix));
    }
    return Main.OK;
  }

  static ConfusionMatrix evaluate(LoadedModel model, ImageSet images, int batchSize,
      List<String> classNames) {
    ConfusionMatrix matrix = new ConfusionMatrix(classNames);
    try (BatchLoader.Stream batches = BatchLoader.evaluation(images, batchSize).epoch(0)) {
      while (batches.hasNext()) {
        try (Batch batch = batches.next()) {
          LoadedModel.Predictions predictions = model.predict(batch.images());
          for (int i = 0; i < batch.size(); i++) {
            matrix.add(batch.labels().getInt(i), predictions.classes()[i]);
          }
          predictions.logLikelihood().ifPresent(values -> {
            for (float value : values) {
              matrix.addLogLikelihood(value);
            }
          });
        }
      }
    }
    return matrix;
  }

  private static String report(LoadedModel model, String dataset, String split,
      ConfusionMatrix matrix) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "model: %s (%s loss, ResNet-%d, trained on %s)%n",
        model.directory(), model.card().loss(), model.card().depth(), model.card().dataset()));
    text.append(String.format(Locale.ROOT, "data: %s, %s split, %d images%n", dataset, split,
        matrix.total()));
    text.append(String.format(Locale.ROOT, "accuracy: %.2f%% (%d of %d)%n",
        100 * matrix.accuracy(), matrix.correct(), matrix.total()));
    if (model.isGm()) {
      text.append(String.format(Locale.ROOT, "mean log-likelihood of the predicted class: %.4f"
          + " (up to the constant D/2 log 2 pi)%n", matrix.meanLogLikelihood()));
    }
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
      ConfusionMatrix matrix) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("model", model.directory().toString());
    result.put("dataset", dataset);
    result.put("split", split);
    result.put("images", matrix.total());
    result.put("correct", matrix.correct());
    result.put("accuracy", matrix.accuracy());
    if (model.isGm()) {
      result.put("meanLogLikelihood", matrix.meanLogLikelihood());
    }
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
