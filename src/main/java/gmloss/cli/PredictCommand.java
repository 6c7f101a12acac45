package gmloss.cli;

import gmloss.data.DataFileException;
import gmloss.data.ImageFile;
import gmloss.inspect.LoadedModel;
import gmloss.inspect.Tta;
import gmloss.io.EnumNames;
import gmloss.io.Json;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.options.OptionValues;
import gmloss.train.Precision;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * {@code gmloss predict --model DIR FILE|FOLDER...}: the classes a model sees in image files, or
 * in every image file of a folder.
 */
final class PredictCommand extends CliCommand {

  PredictCommand() {
    super("predict", "classify image files (PNG, JPEG) with a model",
        "Classifies PNG or JPEG files, or every one directly in a folder, with a SavedModel or a"
            + " run's latest checkpoint: gmloss predict --model DIR FILE|FOLDER...",
        ModelOptions.withTta(ModelOptions.withPrecision(new OptionSpecs()
            .value("model", "DIR", null, "a SavedModel written by gmloss, or a run directory;"
                + " required")
            .value("top", "K", "3", "how many classes to show per image"))),
        true, true);
  }

  @Override
  int run(Invocation call, PrintStream out) throws Exception {
    OptionValues options = call.options();
    Path modelDir = options.existingDirectory("model");
    Precision precision = ModelOptions.precision(options, call.err());
    Tta tta = options.choice("tta", Tta.class);
    if (call.arguments().isEmpty()) {
      throw new OptionException("no image files given: gmloss predict --model DIR"
          + " FILE|FOLDER...");
    }
    int top = options.integer("top", 1, 1000);
    List<Map<String, Object>> results = new ArrayList<>();
    int failed = 0;
    try (LoadedModel model = LoadedModel.open(modelDir, precision)) {
      for (String argument : call.arguments()) {
        List<Path> files;
        try {
          files = imageFiles(Path.of(argument));
        } catch (DataFileException e) {
          results.add(failure(argument, e.getMessage()));
          failed++;
          continue;
        }
        for (Path file : files) {
          Optional<String> problem;
          try {
            ImageFile image = ImageFile.read(file);
            problem = model.sizeMismatch(image);
            if (problem.isEmpty()) {
              results.add(answer(image, model, tta, top));
            }
          } catch (DataFileException e) {
            problem = Optional.of(e.getMessage());
          }
          if (problem.isPresent()) {
            results.add(failure(file.toString(), problem.get()));
            failed++;
          }
        }
      }
    }
    if (options.flag("json")) {
      out.println(Json.GSON.toJson(results));
    } else {
      for (Map<String, Object> result : results) {
        if (result.containsKey("error")) {
          call.err().println("gmloss predict: error: " + result.get("error"));
        } else {
          out.println(line(result));
        }
      }
    }
    return failed > 0 ? ExitCode.FAILED : ExitCode.OK;
  }

  /** What the model says of {@code image}, and with {@code tta} beside it if asked. */
  private static Map<String, Object> answer(ImageFile image, LoadedModel model, Tta tta,
      int top) {
    float[] pixels = model.pixels(image);
    Map<String, Object> result = describe(image, model.predict(pixels, 1),
        model.card().classNames(), top);
    if (tta != Tta.NONE) {
      Map<String, Object> augmented = describe(image, tta.predict(model, pixels, 1),
          model.card().classNames(), top);
      augmented.remove("file");
      augmented.put("kind", EnumNames.of(tta));
      result.put("tta", augmented);
    }
    return result;
  }

  /** The entry of a file or folder that got no answer, and why. */
  private static Map<String, Object> failure(String file, String problem) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("file", file);
    result.put("error", problem);
    return result;
  }

  /** {@code path} itself, or the image files of a folder in name order. */
  private static List<Path> imageFiles(Path path) throws DataFileException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    List<Path> files = ImageFile.filesIn(path);
    if (files.isEmpty()) {
      throw new DataFileException(path, "no .png or .jpg images in this folder (its"
          + " sub-folders are not read)");
    }
    return files;
  }

  private static Map<String, Object> describe(ImageFile image,
      LoadedModel.Predictions predictions, List<String> names, int top) {
    float[] probabilities = predictions.probabilities()[0];
    List<Map<String, Object>> best = IntStream.range(0, probabilities.length).boxed()
        .sorted(Comparator.comparingDouble(k -> -probabilities[k])).limit(top)
        .map(k -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("class", names.get(k));
          entry.put("probability", probabilities[k]);
          return entry;
        }).toList();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("file", image.path().toString());
    result.put("classes", best);
    int predicted = (int) predictions.classes()[0];
    predictions.distances().ifPresent(d -> result.put("distance", d[0][predicted]));
    predictions.logLikelihood().ifPresent(l -> result.put("logLikelihood", l[0]));
    return result;
  }

  /** The plain answer, and after it the answer under test-time augmentation, if asked for. */
  @SuppressWarnings("unchecked")
  private static String line(Map<String, Object> result) {
    String plain = result.get("file") + ": " + answer(result);
    Map<String, Object> augmented = (Map<String, Object>) result.get("tta");
    return augmented == null ? plain
        : plain + "  |  with --tta " + augmented.get("kind") + ": " + answer(augmented);
  }

  @SuppressWarnings("unchecked")
  private static String answer(Map<String, Object> result) {
    List<Map<String, Object>> classes = (List<Map<String, Object>>) result.get("classes");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < classes.size(); i++) {
      text.append(i == 1 ? "  (" : i > 1 ? ", " : "").append(String.format(Locale.ROOT,
          "%s %.2f%%", classes.get(i).get("class"),
          100 * (Float) classes.get(i).get("probability")));
    }
    text.append(classes.size() > 1 ? ")" : "");
    if (result.containsKey("distance")) {
      text.append(String.format(Locale.ROOT, "  distance to the %s mean %.4g, log-likelihood"
          + " %.4g", classes.get(0).get("class"), (Float) result.get("distance"),
          (Float) result.get("logLikelihood")));
    }
    return text.toString();
  }
}
