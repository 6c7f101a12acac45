package gmloss.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import gmloss.io.Json;
import gmloss.io.ProjectVersion;
import gmloss.network.ModelSpec;
import gmloss.train.Checkpoint;
import gmloss.train.EpochMetrics;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON card written next to a SavedModel: what the model is, what it expects, how it was
 * trained (the head's hyper-parameters as given, their schedules and the values training ended
 * with) and how well it did.
 *
 * @param loss the head's type ({@code gm}, {@code softmax}, ...)
 * @param hyperParameters the head's, by name (GM: alpha, lambda); empty for softmax
 * @param head what else the head's type says of it (GM: the loss's convention, the variances,
 *     the likelihood)
 * @param network the network's type ({@code resnet}, or a program's own); null in cards written
 *     before networks were plug-ins, which are ResNets
 * @param command the command that started the training, with the value of each option it left
 *     to a default that has changed since, and each absolute path shortened to its last name: a
 *     card travels with its model, the directories of the machine it came from do not
 * @param resumes how many times the training was resumed before the checkpoint exported
 * @param wallSeconds wall time of the training up to that checkpoint, over all its resumes,
 *     evaluation included
 * @param precision the arithmetic the model was trained in: {@code fp32}, {@code bf16}, or each
 *     with its epochs when a resume changed it ("fp32 epochs 1-3, bf16 epoch 4"); the
 *     model itself is float32 whatever trained it; null when no epoch had finished
 */
public record ModelCard(String project, String projectVersion, String dataset,
    List<String> classNames, Input input, Normalization normalization, String loss,
    Map<String, Checkpoint.Scheduled> hyperParameters, Map<String, String> head, String network,
    int depth, int featureDim, double testAccuracy,
    int testImages, int epochs, String command, int resumes, double wallSeconds,
    String precision, List<String> signatures) {

  public static final String FILE_NAME = "model_card.json";

  /** What to feed: shape with -1 for the batch, dtype, layout and value range. */
  public record Input(String name, List<Integer> shape, String dtype, String layout,
      String range) {}

  /** Applied inside the graph; callers feed raw pixels. */
  public record Normalization(float[] mean, float[] std, String formula) {}

  /**
   * @param command the command that trained the model, usually the checkpoint's, its machine
   *     paths already shortened ({@link #withoutDirectories})
   */
  public static ModelCard of(Checkpoint.State training, String command,
      List<String> signatures) {
    ModelSpec spec = training.spec();
    return new ModelCard("gmloss", ProjectVersion.get(), training.dataset(), spec.classNames(),
        new Input("images", List.of(-1, spec.height(), spec.width(), spec.channels()),
            "float32", "NHWC", "raw pixel values 0..255"),
        new Normalization(spec.normalization().mean(), spec.normalization().std(),
            "(images - mean) / std, per channel, inside the graph"),
        spec.head(), training.hyperParameters(), spec.headStructure().cardFields(),
        spec.network(), spec.depth(), spec.featureDim(), training.testAccuracy(), training.testImages(),
        training.epochsDone(), command, training.resumes(),
        training.elapsedSeconds(), precision(training.history()), signatures);
  }

  /** The precision of every epoch, runs of the same one joined; null before the first epoch. */
  static String precision(List<EpochMetrics> history) {
    if (history.isEmpty()) {
      return null;
    }
    List<String> runs = new ArrayList<>();
    int first = 0;
    for (int epoch = 1; epoch <= history.size(); epoch++) {
      String name = history.get(first).precisionName();
      if (epoch == history.size() || !history.get(epoch).precisionName().equals(name)) {
        runs.add(name + (epoch == first + 1 ? " epoch " + epoch
            : " epochs " + (first + 1) + "-" + epoch));
        first = epoch;
      }
    }
    return runs.size() == 1 ? history.get(0).precisionName() : String.join(", ", runs);
  }

  /** {@code words} with each absolute path, alone or as {@code --option=path}, its name only. */
  public static List<String> withoutDirectories(List<String> words) {
    return words.stream().map(word -> {
      int value = word.startsWith("--") ? word.indexOf('=') + 1 : 0;
      Path path = Path.of(word.substring(value));
      return path.isAbsolute() && path.getFileName() != null
          ? word.substring(0, value) + path.getFileName() : word;
    }).toList();
  }

  public void write(Path directory) throws IOException {
    Files.writeString(directory.resolve(FILE_NAME), Json.GSON.toJson(this));
  }

  /**
   * The card of the model in {@code directory}.
   *
   * @throws IOException naming the file when it is missing, empty or not a card
   */
  public static ModelCard read(Path directory) throws IOException {
    Path file = directory.resolve(FILE_NAME);
    ModelCard card;
    try {
      JsonElement json = JsonParser.parseString(Files.readString(file));
      card = Json.GSON.fromJson(json.isJsonObject() ? withHeadFieldsGathered(
          json.getAsJsonObject()) : json, ModelCard.class);
    } catch (JsonParseException | IllegalStateException | CharacterCodingException e) {
      throw new IOException(file + ": not a valid model card: " + String.valueOf(e.getMessage())
          .lines().findFirst().orElse(""), e);
    }
    if (card == null || card.classNames() == null || card.input() == null) {
      throw new IOException(file + ": not a valid model card: "
          + (card == null ? "empty" : "classNames or input missing"));
    }
    return card;
  }

  /**
   * {@code card} with its head's fields in maps. Cards written before heads were plug-ins kept a
   * GM model's alpha, lambda and the rest of its head in top-level fields.
   */
  private static JsonObject withHeadFieldsGathered(JsonObject card) {
    if (card.has("hyperParameters")) {
      return card;
    }
    JsonObject hyperParameters = new JsonObject();
    JsonObject head = new JsonObject();
    for (String name : List.of("alpha", "lambda")) {
      JsonElement value = card.remove(name);
      if (value != null && value.isJsonObject()) {
        hyperParameters.add(name, value);
      }
    }
    for (String name : List.of("lambdaConvention", "variance", "likelihood")) {
      JsonElement value = card.remove(name);
      if (value != null && !value.isJsonNull()) {
        head.add(name, value);
      }
    }
    card.add("hyperParameters", hyperParameters);
    card.add("head", head);
    return card;
  }
}
