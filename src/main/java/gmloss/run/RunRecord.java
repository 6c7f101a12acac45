package gmloss.run;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import com.google.gson.reflect.TypeToken;
import gmloss.data.Dataset;
import gmloss.export.ModelCard;
import gmloss.io.EnumNames;
import gmloss.io.Json;
import gmloss.io.Memory;
import gmloss.io.ProjectVersion;
import gmloss.io.SafeFiles;
import gmloss.io.ShellWords;
import gmloss.network.ModelSpec;
import gmloss.options.OptionException;
import gmloss.runtime.Cpu;
import gmloss.runtime.NativeSetup;
import gmloss.train.Device;
import gmloss.train.EpochMetrics;
import gmloss.train.Trainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.TensorFlow;

/**
 * {@code run.json}: the options, the machine, the data, the model and the measured results of
 * one training run. Written when the run starts (status {@code running}), and again when it
 * finishes, stops, diverges or fails; a resumed run takes its options from here. Numbers are
 * written as numbers and epochs are counted from 1.
 *
 * @param command the {@code gmloss train} command line that started the run, word by word; null
 *     when a Java program started it
 * @param settings the options the run was given (on the command line or by a program), as
 *     given; a recipe's presets and the defaults fill in the rest
 * @param options every option after defaults and presets, run and export directories resolved
 * @param resumedBy the resumes of the run, in order
 */
public record RunRecord(String status, List<String> command, Map<String, String> settings,
    List<Resume> resumedBy, Map<String, String> options, Environment environment, DataSizes data, ModelSpec model,
    Results results, List<EpochMetrics> epochs) {

  public static final String FILE_NAME = "run.json";

  public enum Status { RUNNING, FINISHED, STOPPED, DIVERGED, FAILED }

  /**
   * One resume of the run.
   *
   * @param startedAt when it began, ISO 8601 (null in records of the earlier layout)
   * @param command the {@code gmloss train --resume} command line, word by word; null when a
   *     Java program resumed the run
   * @param changes the options it changed, as given
   */
  public record Resume(String startedAt, List<String> command, Map<String, String> changes) {}

  /**
   * Where and with what this invocation runs.
   *
   * @param cpu the machine's CPU as {@link Cpu#describe} names it; null where /proc/cpuinfo is
   *     missing (and in records written before it was kept)
   */
  public record Environment(String projectVersion, String startedAt, String device, boolean oneDnn,
      String tensorflowVersion, String javaVersion, String cpu) {

    static Environment now(Device device) {
      return new Environment(ProjectVersion.get(), Instant.now().toString(), device.actual(),
          NativeSetup.oneDnnOn(), TensorFlow.version(),
          System.getProperty("java.version"), Cpu.read().map(Cpu::describe).orElse(null));
    }

    /** The log's line naming the machine, whose speed its figures are. */
    Optional<String> machineLine() {
      return Optional.ofNullable(cpu).map(described -> "machine: " + described);
    }
  }

  /** How many images each split has. */
  public record DataSizes(String name, int trainImages, int validationImages, int testImages) {

    static DataSizes of(Dataset data) {
      return new DataSizes(data.name(), data.train().size(),
          data.validation().map(v -> v.size()).orElse(0), data.test().size());
    }
  }

  /**
   * What the run measured.
   *
   * @param bestEpoch the epoch of the best validation accuracy (from 1); null without a
   *     validation split, since the test set never chooses
   * @param commandSeconds wall time of the whole command: data, training, export
   * @param loopSeconds wall time of the training loop, evaluation included
   * @param trainingSeconds time in training steps only
   */
  public record Results(int epochsDone, Long trainableParameters, Double finalTestAccuracy,
      Integer bestEpoch, Double bestEpochTestAccuracy, Double commandSeconds,
      Double loopSeconds, Double trainingSeconds, Double imagesPerSecond, long peakRssMiB,
      String exportDir) {

    /**
     * What is known of a run whose training loop has not ended: the epochs done and where its
     * model goes; the measurements come at the end.
     *
     * @param peakRssMiB the process's peak so far, -1 when not measured
     */
    static Results beforeTheEnd(int epochsDone, long peakRssMiB, String exportDir) {
      return new Results(epochsDone, null, null, null, null, null, null, null, null, peakRssMiB,
          exportDir);
    }
  }

  /** The record of a run that is starting. */
  static RunRecord starting(List<String> command, Map<String, String> settings,
      List<Resume> resumedBy, Map<String, String> options, Environment environment,
      DataSizes data, ModelSpec spec, String exportDir, List<EpochMetrics> epochs) {
    return new RunRecord(EnumNames.of(Status.RUNNING), command, settings, resumedBy, options,
        environment, data, spec, Results.beforeTheEnd(epochs.size(), Memory.peakResidentMiB(),
            exportDir), epochs);
  }

  /**
   * The command that repeats this run with today's defaults: the command that started it (for a
   * run a program started, the {@code gmloss train} command of its settings), followed by each
   * option it left to a default that has changed since, with the value it ran with.
   */
  public List<String> reproducingCommand() {
    return ReproducingCommand.of(command != null ? command
        : TrainSettings.commandOf(settings), options);
  }

  /**
   * The reproducing command as a model card gives it: one line a shell reads back, each
   * absolute path cut to its last name, since a card travels without the machine's directories.
   */
  public String cardCommand() {
    return ShellWords.quote(ModelCard.withoutDirectories(reproducingCommand()));
  }

  /** This record once the training loop ended: finished or stopped. */
  RunRecord ended(Trainer.Outcome outcome) {
    List<EpochMetrics> done = outcome.epochs();
    boolean any = !done.isEmpty();
    Integer best = null;
    for (int e = 0; e < done.size(); e++) {
      if (Trainer.isBestOnValidation(done.subList(0, e + 1))) {
        best = e;
      }
    }
    return new RunRecord(EnumNames.of(outcome.ending() == Trainer.Ending.FINISHED
        ? Status.FINISHED : Status.STOPPED), command, settings, resumedBy, options,
        environment, data,
        model, new Results(done.size(), outcome.trainableCount(),
            outcome.last().map(EpochMetrics::testAccuracy).orElse(null),
            best == null ? null : best + 1,
            best == null ? null : done.get(best).testAccuracy(), commandSeconds(),
            outcome.elapsedSeconds(), outcome.trainingSeconds(),
            any ? outcome.imagesPerSecond() : null, Memory.peakResidentMiB(),
            results.exportDir()), done);
  }

  /** This record after training ended with an error: diverged or failed. */
  RunRecord failed(Status status) {
    return new RunRecord(EnumNames.of(status), command, settings, resumedBy, options,
        environment, data, model, results, epochs);
  }

  /** The record of this run being resumed by {@code resume} from {@code doneEpochs}. */
  RunRecord resumed(Resume resume, Map<String, String> newOptions,
      Environment newEnvironment, DataSizes newData, List<EpochMetrics> doneEpochs) {
    List<Resume> resumes = new ArrayList<>(resumedBy == null ? List.of() : resumedBy);
    resumes.add(resume);
    return starting(command, settings, resumes, newOptions, newEnvironment, newData, model,
        results == null ? null : results.exportDir(), doneEpochs);
  }

  /** JSON with epochs from 1, and option values that are numbers or booleans written as such. */
  private static final Gson WRITER = Json.GSON.newBuilder()
      .registerTypeAdapter(EpochMetrics.class, (JsonSerializer<EpochMetrics>) (metrics, type,
          context) -> {
        JsonObject object = Json.GSON.toJsonTree(metrics).getAsJsonObject();
        object.addProperty("epoch", metrics.epoch() + 1);
        return object;
      })
      .registerTypeAdapter(new TypeToken<Map<String, String>>() {}.getType(),
          (JsonSerializer<Map<String, String>>) (map, type, context) -> {
            JsonObject object = new JsonObject();
            map.forEach((key, value) -> object.add(key, typed(value)));
            return object;
          })
      .create();

  private static JsonElement typed(String value) {
    if (value.equals("true") || value.equals("false")) {
      return new JsonPrimitive(Boolean.parseBoolean(value));
    }
    try {
      return new JsonPrimitive(Long.parseLong(value));
    } catch (NumberFormatException notAnInteger) {
      try {
        double number = Double.parseDouble(value);
        return Double.isFinite(number) && !value.endsWith("%")
            ? new JsonPrimitive(number) : new JsonPrimitive(value);
      } catch (NumberFormatException notANumber) {
        return new JsonPrimitive(value);
      }
    }
  }

  void write(Path runDir) throws IOException {
    SafeFiles.writeAtomically(runDir.resolve(FILE_NAME), WRITER.toJson(this));
  }

  /**
   * The record of the run in {@code runDir}: its status, command, settings, resumes, options
   * (read back as text) and the epochs it had done; the rest is for readers of the file.
   * Records of the earlier layout, which kept each command as one line, read as today's.
   *
   * @throws OptionException if {@code runDir} holds no run record
   * @throws IOException if the record cannot be read or parsed
   */
  public static RunRecord read(Path runDir) throws OptionException, IOException {
    Path file = runDir.resolve(FILE_NAME);
    try {
      JsonObject object = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      if (!object.has("options") || !object.has("status")) {
        throw new IOException(file + ": not a valid run record: no options");
      }
      Map<String, String> options = Json.GSON.fromJson(object.get("options"), TEXT_MAP);
      List<String> command = words(object.get("command"));
      Map<String, String> settings = object.has("settings")
          ? Json.GSON.fromJson(object.get("settings"), TEXT_MAP)
          : command == null ? Map.of() : ReproducingCommand.given(command);
      List<Resume> resumedBy = new ArrayList<>();
      if (object.has("resumedBy") && object.get("resumedBy").isJsonArray()) {
        for (JsonElement resume : object.getAsJsonArray("resumedBy")) {
          resumedBy.add(resume.isJsonPrimitive()
              ? new Resume(null, words(resume), null)
              : Json.GSON.fromJson(resume, Resume.class));
        }
      }
      String exportDir = options.get("export-dir");
      int epochsDone = object.has("results") && object.get("results").isJsonObject()
          && object.getAsJsonObject("results").has("epochsDone")
          ? object.getAsJsonObject("results").get("epochsDone").getAsInt() : 0;
      return new RunRecord(object.get("status").getAsString(), command, settings, resumedBy,
          options, null, null, null,
          Results.beforeTheEnd(epochsDone, -1, exportDir), List.of());
    } catch (NoSuchFileException e) {
      throw new OptionException("--resume " + runDir + ": not a run directory (no " + FILE_NAME
          + ")");
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new IOException(file + ": not a valid run record: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
    }
  }

  private static final Type TEXT_MAP = new TypeToken<Map<String, String>>() {}.getType();

  /** A command as a list of words; as one line in records of the earlier layout; or null. */
  private static List<String> words(JsonElement command) {
    if (command == null || command.isJsonNull()) {
      return null;
    }
    return command.isJsonArray() ? Json.GSON.fromJson(command,
        new TypeToken<List<String>>() {}.getType()) : ShellWords.ofSpaced(command.getAsString());
  }

  private static double commandSeconds() {
    return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
  }
}
