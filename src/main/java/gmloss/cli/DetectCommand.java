package gmloss.cli;

import gmloss.data.ImageConversion;
import gmloss.data.ImageSet;
import gmloss.detect.Attack;
import gmloss.detect.Detector;
import gmloss.detect.Separation;
import gmloss.inspect.LoadedModel;
import gmloss.io.EnumNames;
import gmloss.network.Json;
import gmloss.plot.DetectionPlots;
import gmloss.train.Numbers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gmloss detect}: attacks a model's test images and measures how well its scores tell
 * clean inputs from adversarial and unfamiliar ones.
 */
final class DetectCommand extends OptionCommand {

  static final OptionTable OPTIONS = ModelData.withModelAndData(new OptionTable("detect",
      "Attacks a model's test images (FGSM or PGD) and measures how well the model's scores tell"
          + " clean inputs from adversarial and out-of-distribution ones: GM models by the"
          + " log-likelihood of the predicted class, every model by its largest softmax"
          + " probability."))
      .value("limit", "N", "1000", "attack the first N test images (0: all)")
      .value("attack", "NAME", "pgd", "fgsm (one step of epsilon) or pgd (random start, then"
          + " --steps steps of --step-size, each projected onto the epsilon ball)")
      .value("epsilon", "E", "8", "largest change of a pixel, in pixel units of 0..255")
      .value("steps", "N", "10", "PGD steps")
      .value("step-size", "S", "2", "PGD step, in pixel units of 0..255")
      .value("ood-dataset", "NAME", null, "the unfamiliar set: this dataset's first --limit test"
          + " images, converted to the model's size and channels (default: uniform noise)")
      .value("ood-data-dir", "DIR", null, "directory of the --ood-dataset files (default: as for"
          + " train)")
      .value("fpr", "F", "0.05", "share of clean inputs the detection threshold may flag")
      .value("batch-size", "N", "100", "images per batch")
      .value("seed", "S", "42", "seed of PGD's random start and of the noise images")
      .value("plot", "DIR", null, "write roc.png and the score histograms to DIR")
      .flag("json", "print the results as one JSON object")
      .flag("verbose", "print stack traces of errors");

  DetectCommand() {
    super("detect", "adversarial and out-of-distribution detection by likelihood or softmax score",
        OPTIONS);
  }

  @Override
  int run(ParsedOptions options, PrintStream out) throws Exception {
    Path modelDir = options.existingDirectory("model");
    Attack attack = attack(options);
    int limit = options.integer("limit", 0, Integer.MAX_VALUE);
    int batchSize = options.integer("batch-size", 1, 65_536);
    options.number("fpr", 0, 1);
    // Parsed again as a double, so that 0.05 is reported as 0.05.
    double falsePositiveRate = Double.parseDouble(options.string("fpr").strip());
    try (LoadedModel model = LoadedModel.open(modelDir)) {
      ModelData clean = ModelData.load(options, model, "dataset", "data-dir");
      ImageSet images = limit > 0 ? clean.data().test().first(limit) : clean.data().test();
      clean.requireFits(model, images, "data-dir");
      List<Integer> shape = model.imageShape();
      String unfamiliarName;
      ImageSet unfamiliar;
      if (options.optional("ood-dataset").isPresent()) {
        ModelData other = ModelData.load(options, model, "ood-dataset", "ood-data-dir");
        ImageSet test = other.data().test().first(images.size());
        unfamiliar = ImageConversion.fit(test, shape.get(0), shape.get(1), shape.get(2));
        unfamiliarName = String.format(Locale.ROOT, "%s test split, first %d images, as %dx%dx%d",
            other.data().name(), unfamiliar.size(), shape.get(0), shape.get(1), shape.get(2));
      } else {
        unfamiliar = ImageConversion.uniformNoise(images.size(), shape.get(0), shape.get(1),
            shape.get(2), options.longValue("seed"));
        unfamiliarName = "uniform noise, " + unfamiliar.size() + " images";
      }
      Detector detector = new Detector(model, batchSize, falsePositiveRate);
      Detector.Result result = detector.run(images, attack, unfamiliar);
      String cleanName = clean.data().name() + " test split, " + images.size() + " images";
      if (options.optional("plot").isPresent()) {
        plot(Path.of(options.string("plot")), result);
      }
      out.print(options.flag("json")
          ? json(model, cleanName, attack, unfamiliarName, result)
          : report(model, cleanName, attack, unfamiliarName, result));
    }
    return Main.OK;
  }

  private static Attack attack(ParsedOptions options) throws UsageException {
    Attack.Kind kind = options.choice("attack", Attack.Kind.class);
    if (kind == Attack.Kind.FGSM) {
      for (String pgdOnly : List.of("steps", "step-size")) {
        if (options.isExplicit(pgdOnly)) {
          throw new UsageException("--" + pgdOnly + " " + options.string(pgdOnly)
              + ": only --attack pgd takes steps");
        }
      }
    }
    float epsilon = options.number("epsilon", 0, 255);
    if (epsilon == 0) {
      throw new UsageException("--epsilon 0: must be > 0");
    }
    return new Attack(kind, epsilon, options.integer("steps", 1, 10_000),
        options.positive("step-size"), options.longValue("seed"));
  }

  private static String describe(Attack attack) {
    return attack.kind() == Attack.Kind.FGSM
        ? String.format(Locale.ROOT, "FGSM, epsilon %s of 255", number(attack.epsilon()))
        : String.format(Locale.ROOT, "PGD, epsilon %s of 255, random start, %d steps of %s",
            number(attack.epsilon()), attack.steps(), number(attack.stepSize()));
  }

  private static String number(float value) {
    return value == Math.rint(value) ? Integer.toString((int) value) : Float.toString(value);
  }

  private static String report(LoadedModel model, String cleanName, Attack attack,
      String unfamiliarName, Detector.Result result) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "model: %s (%s loss, ResNet-%d, trained on %s)%n",
        model.directory(), model.card().loss(), model.card().depth(), model.card().dataset()));
    text.append("clean: ").append(cleanName).append('\n');
    text.append("attack: ").append(describe(attack)).append('\n');
    text.append("unfamiliar: ").append(unfamiliarName).append('\n');
    text.append(String.format(Locale.ROOT, "accuracy: clean %.2f%%, under attack %.2f%%; %d"
        + " attacks turned a right answer wrong%n", 100 * result.cleanAccuracy(),
        100 * result.adversarialAccuracy(), result.successful()));
    double fpr = 100 * result.scores().values().iterator().next().adversarialAll()
        .falsePositiveRate();
    text.append(String.format(Locale.ROOT, "%-24s %-26s %7s  %s%n", "score", "suspect inputs",
        "AUC", "detected at " + Numbers.compact(fpr) + "% of clean flagged"));
    for (Map.Entry<Detector.Score, Detector.ScoreResult> entry : result.scores().entrySet()) {
      for (Map.Entry<String, Separation> row : rows(entry.getValue()).entrySet()) {
        text.append(String.format(Locale.ROOT, "%-24s %-26s %7.4f  %.1f%%%n",
            entry.getKey().label(), row.getKey(), row.getValue().auc(),
            100 * row.getValue().detectionRate()));
      }
    }
    return text.toString();
  }

  /** The separations of one score, named as the report and the plot name them. */
  private static Map<String, Separation> rows(Detector.ScoreResult score) {
    Map<String, Separation> rows = new LinkedHashMap<>();
    rows.put("adversarial, all", score.adversarialAll());
    if (score.adversarialSuccessful() != null) {
      rows.put("adversarial, successful", score.adversarialSuccessful());
    }
    rows.put("unfamiliar", score.unfamiliarSet());
    return rows;
  }

  private static String json(LoadedModel model, String cleanName, Attack attack,
      String unfamiliarName, Detector.Result result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model.directory().toString());
    json.put("clean", cleanName);
    Map<String, Object> attackJson = new LinkedHashMap<>();
    attackJson.put("kind", EnumNames.of(attack.kind()));
    attackJson.put("epsilon", attack.epsilon());
    attackJson.put("steps", attack.kind() == Attack.Kind.PGD ? attack.steps() : 1);
    attackJson.put("stepSize", attack.kind() == Attack.Kind.PGD ? attack.stepSize()
        : attack.epsilon());
    json.put("attack", attackJson);
    json.put("unfamiliar", unfamiliarName);
    json.put("images", result.images());
    json.put("cleanAccuracy", result.cleanAccuracy());
    json.put("adversarialAccuracy", result.adversarialAccuracy());
    json.put("successfulAttacks", result.successful());
    Map<String, Object> scores = new LinkedHashMap<>();
    for (Map.Entry<Detector.Score, Detector.ScoreResult> entry : result.scores().entrySet()) {
      Map<String, Object> sets = new LinkedHashMap<>();
      rows(entry.getValue()).forEach((name, separation) -> {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("auc", separation.auc());
        figures.put("detectionRate", separation.detectionRate());
        figures.put("falsePositiveRate", separation.falsePositiveRate());
        sets.put(name, figures);
      });
      scores.put(EnumNames.of(entry.getKey()), sets);
    }
    json.put("scores", scores);
    return Json.GSON.toJson(json) + "\n";
  }

  private static void plot(Path directory, Detector.Result result) throws java.io.IOException {
    Map<String, double[][]> curves = new LinkedHashMap<>();
    for (Map.Entry<Detector.Score, Detector.ScoreResult> entry : result.scores().entrySet()) {
      Detector.ScoreResult score = entry.getValue();
      for (Map.Entry<String, double[]> suspect : Map.of("adversarial", score.adversarial(),
          "unfamiliar", score.unfamiliar()).entrySet()) {
        Separation.Curve curve = Separation.curve(score.clean(), suspect.getValue());
        curves.put(entry.getKey().label() + ", " + suspect.getKey(),
            new double[][] {curve.falsePositives(), curve.truePositives()});
      }
      Map<String, double[]> sets = new LinkedHashMap<>();
      sets.put("clean", score.clean());
      sets.put("adversarial", score.adversarial());
      sets.put("unfamiliar", score.unfamiliar());
      boolean logOfProbability = entry.getKey() == Detector.Score.MAX_PROBABILITY;
      DetectionPlots.writeHistograms("Scores of clean, adversarial and unfamiliar inputs",
          logOfProbability ? "log of the largest softmax probability" : "log-likelihood",
          sets, directory.resolve("scores-" + EnumNames.of(entry.getKey()) + ".png"));
    }
    DetectionPlots.writeRoc("Telling clean inputs from suspect ones (low score flags)", curves,
        directory.resolve("roc.png"));
  }
}
