package gmloss.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import gmloss.io.Json;
import gmloss.io.SafeFiles;
import gmloss.loss.HeadTypes;
import gmloss.loss.HyperParameter;
import gmloss.network.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * One complete checkpoint directory: the variables (TensorFlow's format, prefix {@code model}),
 * optimizer slots and batch-norm statistics included, and a {@code state.json} with the model's
 * spec and where training stood, which is all a resumed run or an export needs. Written only by
 * {@link CheckpointStore}, which makes it appear whole or not at all.
 */
public record Checkpoint(Path directory) {

  private static final String PREFIX = "model";
  private static final String STATE = "state.json";
  /** What {@code Session.save} writes for one prefix on one device. */
  private static final List<String> VARIABLE_FILES =
      List.of(PREFIX + ".index", PREFIX + ".data-00000-of-00001");

  /**
   * What a checkpoint knows besides the variables: the model, how it was trained (the command,
   * the dataset, the head's hyper-parameters with their schedules) and where training stood.
   *
   * @param hyperParameters the head's, by name in its order
   * @param resumes how many times the run had been resumed when this checkpoint was written
   * @param epochsDone complete epochs, each evaluated and in {@code history}
   * @param iterations optimizer steps done; beyond {@code epochsDone * batchesPerEpoch} they
   *     belong to the epoch in progress, whose sums are {@code epochInProgress}
   * @param elapsedSeconds wall time of the run so far, evaluation included
   * @param logBytes length of train.log when the checkpoint was written
   * @param testImages size of the test split the accuracies are measured on
   */
  public record State(ModelSpec spec, String dataset, String command, int resumes,
      Map<String, Scheduled> hyperParameters, int epochsDone, long iterations, int batchesPerEpoch,
      EpochTotals epochInProgress, List<EpochMetrics> history, double trainingSeconds,
      double elapsedSeconds, long logBytes, int testImages) {

    /** Test accuracy after the last complete epoch; NaN before the first. */
    public double testAccuracy() {
      return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).testAccuracy();
    }
  }

  /**
   * A hyper-parameter that follows a schedule: its value as given, the schedule, and the value
   * of the last step trained.
   */
  public record Scheduled(float value, String schedule, float last) {}

  public String variablesPrefix() {
    return directory.resolve(PREFIX).toString();
  }

  /** Writes the variables of {@code session} and {@code state} into an empty directory. */
  static Checkpoint write(Path directory, Session session, State state) throws IOException {
    try {
      session.save(directory.resolve(PREFIX).toString());
    } catch (TensorFlowException e) {
      throw new IOException("cannot write the variables: " + firstLine(e), e);
    }
    Files.writeString(directory.resolve(STATE), Json.GSON.toJson(state));
    SafeFiles.syncTree(directory);
    return new Checkpoint(directory);
  }

  public State readState() throws IOException {
    Path file = directory.resolve(STATE);
    try {
      JsonObject object = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      State state = ModelSpec.GSON.fromJson(withHyperParametersByName(object), State.class);
      if (state == null || state.spec() == null || state.history() == null) {
        throw new IOException(file + ": not a valid checkpoint state: model or history missing");
      }
      return state;
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": not found (is " + directory + " a checkpoint directory?)");
    } catch (JsonParseException | IllegalStateException e) {
      throw new IOException(file + ": not a valid checkpoint state: " + firstLine(e), e);
    }
  }

  /**
   * {@code state} with its hyper-parameters, and those of each epoch, in a map by name. States
   * written before heads were plug-ins kept each hyper-parameter of the head in a field named
   * after it (and a softmax run GM's too, which it never used: those stay unread).
   */
  private static JsonObject withHyperParametersByName(JsonObject state) {
    if (state.has("hyperParameters") || !state.has("spec") || !state.get("spec").isJsonObject()
        || !state.getAsJsonObject("spec").has("head")) {
      return state;
    }
    List<String> names = HeadTypes.named(state.getAsJsonObject("spec").get("head")
        .getAsString()).map(type -> type.hyperParameters().stream().map(HyperParameter::name)
        .toList()).orElse(List.of());
    state.add("hyperParameters", fieldsByName(state, names));
    if (state.has("history") && state.get("history").isJsonArray()) {
      for (JsonElement epoch : state.getAsJsonArray("history")) {
        epoch.getAsJsonObject().add("hyperParameters", fieldsByName(epoch.getAsJsonObject(),
            names));
      }
    }
    return state;
  }

  /** The fields of {@code object} called {@code names}, removed from it, as an object. */
  private static JsonObject fieldsByName(JsonObject object, List<String> names) {
    JsonObject byName = new JsonObject();
    for (String name : names) {
      JsonElement value = object.remove(name);
      if (value != null) {
        byName.add(name, value);
      }
    }
    return byName;
  }

  /**
   * Loads the variables into {@code session}, whose graph must hold the same variables.
   *
   * @throws IOException naming the checkpoint when its files are missing, damaged or hold
   *     variables of other shapes
   */
  public void restore(Session session) throws IOException {
    for (String name : VARIABLE_FILES) {
      Path file = directory.resolve(name);
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        throw new IOException(file + ": missing or empty; the checkpoint is incomplete");
      }
    }
    try {
      session.restore(variablesPrefix());
    } catch (TensorFlowException e) {
      throw new IOException(directory + ": cannot restore the checkpoint: " + firstLine(e), e);
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage()).strip();
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
