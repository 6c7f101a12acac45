package gmloss.cli;

import gmloss.data.DataRequest;
import gmloss.data.DatasetKind;
import gmloss.data.ImageSet;
import gmloss.detect.Attack;
import gmloss.detect.DetectionFigures;
import gmloss.detect.DetectionScores;
import gmloss.detect.Detector;
import gmloss.detect.FitCache;
import gmloss.detect.GaussianFit;
import gmloss.detect.Score;
import gmloss.detect.Separation;
import gmloss.detect.UnfamiliarSet;
import gmloss.inspect.Evaluation;
import gmloss.inspect.LoadedModel;
import gmloss.inspect.ModelData;
import gmloss.inspect.Tta;
import gmloss.io.EnumNames;
import gmloss.io.Json;
import gmloss.io.Numbers;
import gmloss.options.OptionException;
import gmloss.options.OptionValues;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gmloss detect}: attacks a model's test images and measures how well its scores tell
 * clean inputs from adversarial and unfamiliar ones.
 */
final class DetectCommand extends CliCommand {

  DetectCommand() {
    super("detect", "adversarial and out-of-distribution detection by likelihood and baselines",
        "Attacks a model's test images (FGSM or PGD) and measures how well the model's scores"
            + " tell clean inputs from adversarial and out-of-distribution ones: every model by"
            + " its log max softmax probability, energy and Mahalanobis score (Gaussians fitted to"
            + " its training features), GM models also by their own log-likelihood of the"
            + " predicted class.",
        ModelOptions.withTta(ModelOptions.withPrecision(ModelOptions.specs()))
            .value("limit", "N", "1000", "attack the first N test images (0: all)")
            .value("attack", "NAME", "pgd", "fgsm (one step of epsilon) or pgd (--steps steps of"
                + " --step-size from --pgd-start, each projected onto the epsilon ball)")
            .value("pgd-start", "WHERE", "random", "where PGD starts: random (a uniform point in"
                + " the epsilon ball, as Madry et al.) or image (the clean image)")
            .value("epsilon", "E", "8", "largest change of a pixel, in pixel units of 0..255")
            .value("steps", "N", "10", "PGD steps")
            .value("step-size", "S", "2", "PGD step, in pixel units of 0..255")
            .value("ood-dataset", "NAME", null, "the unfamiliar set: --limit test images of this"
                + " dataset, spread evenly over its test split and converted to the model's size"
                + " and channels (default: uniform noise)")
            .value("ood-data-dir", "DIR", null, "directory of the --ood-dataset files (default:"
                + " as for train)")
            .value("fpr", "F", "0.05", "share of clean inputs the detection threshold may flag")
            .value("batch-size", "N", "100", "images per batch")
            .value("seed", "S", "42", "seed of PGD's random start and of the noise images")
            .value("plot", "DIR", null, "write roc.png and the score histograms to DIR")
            .value("scores", "FILE", null, "write every input's scores to FILE as CSV")
            .value("fit-limit", "N", "0", "fit the Gaussians of the Mahalanobis scores to the"
                + " features of the first N training images (0: all), once per model")
            .value("fit-cache", "DIR", null, "where the fits are kept (default:"
                + " $XDG_CACHE_HOME/gmloss/gaussian-fits, else ~/.cache/gmloss/gaussian-fits)"),
        true, false);
  }

  @Override
  int run(Invocation call, PrintStream out) throws Exception {
    OptionValues options = call.options();
    Path modelDir = options.existingDirectory("model");
    Attack attack = attack(options);
    int limit = options.integer("limit", 0, Integer.MAX_VALUE);
    int batchSize = options.integer("batch-size", 1, 65_536);
    options.number("fpr", 0, 1);
    // Parsed again as a double, so that 0.05 is reported as 0.05.
    double falsePositiveRate = Double.parseDouble(options.string("fpr").strip());
    Optional<Path> plot = options.outputDirectory("plot");
    Optional<Path> scores = options.outputFile("scores");
    Tta tta = options.choice("tta", Tta.class);
    int fitLimit = options.integer("fit-limit", 0, Integer.MAX_VALUE);
    FitCache cache = new FitCache(options.path("fit-cache")
        .orElseGet(() -> FitCache.defaultDirectory(System.getenv())));
    try (LoadedModel model = LoadedModel.open(modelDir,
        ModelOptions.precision(options, call.err()))) {
      ModelData clean = ModelData.load(model, ModelOptions.data(options));
      ImageSet images = limit > 0 ? clean.data().test().first(limit) : clean.data().test();
      clean.requireFits(model, images);
      UnfamiliarSet unfamiliar;
      if (options.optional("ood-dataset").isPresent()) {
        DataRequest other = new DataRequest(options.optional("ood-dataset"),
            options.path("ood-data-dir"), options.path("data-home"), "ood-dataset",
            "ood-data-dir");
        DatasetKind kind = other.kind(model.card().dataset());
        Path directory = other.directory(kind, model.card().dataset());
        unfamiliar = UnfamiliarSet.of(kind.loadTest(directory), kind.nameOf(directory),
            images.size(), model.imageShape());
      } else {
        unfamiliar = UnfamiliarSet.noise(images.size(), model.imageShape(),
            options.longValue("seed"));
      }
      ImageSet train = fitLimit > 0 ? clean.data().train().first(fitLimit)
          : clean.data().train();
      String fitData = clean.data().name() + " train split, " + train.size() + " images";
      FitCache.Entry fit = cache.get(model.savedModel(), fitData, () -> GaussianFit.of(
          Evaluation.features(model, train, batchSize), train.labels(),
          model.card().classNames().size()));
      Map<Tta, Detector.Result> results = new Detector(model, batchSize, falsePositiveRate,
          Score.applicable(model.hasCentres(), true), Optional.of(fit.fit()))
          .run(images, attack, unfamiliar.images(),
              tta == Tta.NONE ? List.of(Tta.NONE) : List.of(Tta.NONE, tta));
      Detector.Result result = results.get(Tta.NONE);
      String cleanName = clean.data().name() + " test split, " + images.size() + " images";
      // The results first: a failed write must not lose them.
      String fitName = "Gaussians fitted to the features of " + fitData + " ("
          + (fit.cached() ? "kept" : "fitted now, kept") + " in " + fit.file() + ")";
      out.print(options.flag("json")
          ? json(model, cleanName, attack, unfamiliar.name(), fitName, results)
          : report(model, cleanName, attack, unfamiliar.name(), fitName, results));
      if (plot.isPresent()) {
        DetectionFigures.write(plot.get(), result);
      }
      if (scores.isPresent()) {
        DetectionScores.write(scores.get(), result);
      }
    }
    return ExitCode.OK;
  }

  private static Attack attack(OptionValues options) throws OptionException {
    Attack.Kind kind = options.choice("attack", Attack.Kind.class);
    if (kind == Attack.Kind.FGSM) {
      for (String pgdOnly : List.of("steps", "step-size", "pgd-start")) {
        if (options.isExplicit(pgdOnly)) {
          throw new OptionException("--" + pgdOnly + " " + options.string(pgdOnly)
              + ": only --attack pgd takes " + (pgdOnly.equals("pgd-start") ? "a start"
                  : "steps"));
        }
      }
    }
    float epsilon = options.number("epsilon", 0, 255);
    if (epsilon == 0) {
      throw new OptionException("--epsilon 0: must be > 0");
    }
    return new Attack(kind, epsilon, options.integer("steps", 1, 10_000),
        options.positive("step-size"), options.longValue("seed"),
        options.choice("pgd-start", Attack.Start.class));
  }

  private static String report(LoadedModel model, String cleanName, Attack attack,
      String unfamiliarName, String fitName, Map<Tta, Detector.Result> results) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "model: %s (%s loss, ResNet-%d, trained on %s)%n",
        model.directory(), model.card().loss(), model.card().depth(), model.card().dataset()));
    text.append("clean: ").append(cleanName).append('\n');
    text.append("attack: ").append(attack.describe()).append('\n');
    text.append("unfamiliar: ").append(unfamiliarName).append('\n');
    text.append("fit: ").append(fitName).append('\n');
    results.forEach((tta, result) -> {
      if (tta != Tta.NONE) {
        text.append("with --tta ").append(EnumNames.of(tta)).append(" (the mean logits of each"
            + " input and its mirror; the attacks are those above, made on the model alone):\n");
      }
      text.append(table(result));
    });
    return text.toString();
  }

  /** Accuracy and the score table of one view. */
  private static String table(Detector.Result result) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "accuracy: clean %.2f%%, under attack %.2f%%; %d"
        + " attacks turned a right answer wrong%n", 100 * result.cleanAccuracy(),
        100 * result.adversarialAccuracy(), result.successful()));
    double fpr = 100 * result.scores().values().iterator().next().adversarialAll()
        .falsePositiveRate();
    text.append(String.format(Locale.ROOT, "%-24s %-26s %7s  %s%n", "score", "suspect inputs",
        "AUC", "detected at " + Numbers.compact(fpr) + "% of clean flagged"));
    for (Map.Entry<Score, Detector.ScoreResult> entry : result.scores().entrySet()) {
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
      String unfamiliarName, String fitName, Map<Tta, Detector.Result> results) {
    Detector.Result result = results.get(Tta.NONE);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model.directory().toString());
    json.put("clean", cleanName);
    Map<String, Object> attackJson = new LinkedHashMap<>();
    attackJson.put("kind", EnumNames.of(attack.kind()));
    attackJson.put("epsilon", attack.epsilon());
    attackJson.put("steps", attack.kind() == Attack.Kind.PGD ? attack.steps() : 1);
    attackJson.put("stepSize", attack.kind() == Attack.Kind.PGD ? attack.stepSize()
        : attack.epsilon());
    if (attack.kind() == Attack.Kind.PGD) {
      attackJson.put("start", EnumNames.of(attack.start()));
    }
    json.put("attack", attackJson);
    json.put("unfamiliar", unfamiliarName);
    json.put("fit", fitName);
    json.put("images", result.images());
    json.putAll(figures(result));
    results.forEach((tta, augmented) -> {
      if (tta != Tta.NONE) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", EnumNames.of(tta));
        view.putAll(figures(augmented));
        json.put("tta", view);
      }
    });
    return Json.GSON.toJson(json) + "\n";
  }

  /** The accuracies and the separations of every score under one view. */
  private static Map<String, Object> figures(Detector.Result result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cleanAccuracy", result.cleanAccuracy());
    json.put("adversarialAccuracy", result.adversarialAccuracy());
    json.put("successfulAttacks", result.successful());
    Map<String, Object> scores = new LinkedHashMap<>();
    for (Map.Entry<Score, Detector.ScoreResult> entry : result.scores().entrySet()) {
      Map<String, Object> sets = new LinkedHashMap<>();
      rows(entry.getValue()).forEach((name, separation) -> {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("auc", separation.auc());
        figures.put("detectionRate", separation.detectionRate());
        figures.put("falsePositiveRate", separation.falsePositiveRate());
        figures.put("threshold", separation.threshold());
        sets.put(name, figures);
      });
      scores.put(EnumNames.of(entry.getKey()), sets);
    }
    json.put("scores", scores);
    return json;
  }
}
