package gmloss.cli;

import gmloss.data.ImageFile;
import gmloss.inspect.LoadedModel;
import gmloss.network.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** {@code gmloss predict --model DIR FILE...}: the classes a model sees in image files. */
final class PredictCommand implements Command {

  static final OptionTable OPTIONS = new OptionTable("predict",
      "Classifies PNG or JPEG files with a SavedModel or a run's latest checkpoint: gmloss"
          + " predict --model DIR FILE...")
      .value("model", "DIR", null, "a SavedModel written by gmloss, or a run directory; required")
      .value("top", "K", "3", "how many classes to show per image")
      .flag("json", "print the results as one JSON array")
      .flag("verbose", "print stack traces of errors");

  @Override
  public String name() {
    return "predict";
  }

  @Override
  public String summary() {
    return "classify image files (PNG, JPEG) with a model";
  }

  @Override
  public int run(String[] args, PrintStream out) throws Exception {
    List<String> files = new ArrayList<>();
    List<String> optionArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      boolean valued = i + 1 < args.length && (args[i].equals("--model")
          || args[i].equals("--top"));
      if (args[i].startsWith("-")) {
        optionArgs.add(args[i]);
        if (valued) {
          optionArgs.add(args[++i]);
        }
      } else {
        files.add(args[i]);
      }
    }
    Optional<ParsedOptions> parsed = OPTIONS.parseOrHelp(optionArgs.toArray(String[]::new), out);
    if (parsed.isEmpty()) {
      return Main.OK;
    }
    ParsedOptions options = parsed.get();
    Path modelDir = options.existingDirectory("model");
    if (files.isEmpty()) {
      throw new UsageException("no image files given: gmloss predict --model DIR FILE...");
    }
    int top = options.integer("top", 1, 1000);
    List<ImageFile> images = new ArrayList<>();
    for (String file : files) {
      images.add(ImageFile.read(Path.of(file)));
    }
    List<Map<String, Object>> results = new ArrayList<>();
    try (LoadedModel model = LoadedModel.open(modelDir)) {
      String expected = model.imageShape().get(0) + "x" + model.imageShape().get(1) + "x"
          + model.imageShape().get(2);
      for (ImageFile image : images) {
        if (!image.shape().equals(expected)) {
          throw new UsageException(image.path() + ": is " + image.shape() + ", the model takes "
              + expected + " images");
        }
      }
      List<String> names = model.card().classNames();
      for (ImageFile image : images) {
        results.add(describe(image, predict(model, image), names, top));
      }
    }
    if (options.flag("json")) {
      out.println(Json.GSON.toJson(results));
    } else {
      results.forEach(result -> out.println(line(result)));
    }
    return Main.OK;
  }

  private static LoadedModel.Predictions predict(LoadedModel model, ImageFile image) {
    float[] pixels = new float[image.pixels().length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = image.pixels()[i] & 0xff;
    }
    try (TFloat32 batch = TFloat32.tensorOf(Shape.of(1, image.height(), image.width(),
        image.channels()), DataBuffers.of(pixels))) {
      return model.predict(batch);
    }
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

  @SuppressWarnings("unchecked")
  private static String line(Map<String, Object> result) {
    List<Map<String, Object>> classes = (List<Map<String, Object>>) result.get("classes");
    StringBuilder text = new StringBuilder(result.get("file") + ": ");
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
