package gmloss.cli;

import com.google.gson.JsonParseException;
import gmloss.io.SafeFiles;
import gmloss.network.Json;
import gmloss.network.ModelSpec;
import gmloss.train.EpochMetrics;
import gmloss.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.TensorFlow;

/**
 * {@code run.json}: the options, the model and the measured results of one training run. Written
 * when the run starts (status {@code running}), and again when it finishes, stops or diverges; a
 * resumed run takes its options from here.
 *
 * @param options every option after defaults and presets, run and export directories resolved
 * @param resumedBy the command lines that resumed the run, in order
 */
record RunRecord(String status, String command, List<String> resumedBy,
    Map<String, String> options, ModelSpec model, Long trainableParameters, int epochsDone,
    Double finalTestAccuracy, Double bestTestAccuracy, Double wallSeconds,
    Double trainingSeconds, Double imagesPerSecond, long peakRssMiB, String exportDir,
    String tensorflowVersion, String javaVersion, List<EpochMetrics> epochs) {

  static final String FILE_NAME = "run.json";

  enum Status { RUNNING, FINISHED, STOPPED, DIVERGED, FAILED }

  /** The record of a run that is starting. */
  static RunRecord starting(String command, List<String> resumedBy, Map<String, String> options,
      ModelSpec spec, String exportDir, List<EpochMetrics> epochs) {
    return new RunRecord(ParsedOptions.cliName(Status.RUNNING), command, resumedBy, options,
        spec, null, epochs.size(), null, null, null, null, null, currentPeakRssMiB(), exportDir,
        TensorFlow.version(), System.getProperty("java.version"), epochs);
  }

  /** This record once the training loop ended: finished or stopped. */
  RunRecord ended(Trainer.Outcome outcome) {
    List<EpochMetrics> done = outcome.epochs();
    boolean any = !done.isEmpty();
    return new RunRecord(ParsedOptions.cliName(outcome.ending() == Trainer.Ending.FINISHED
        ? Status.FINISHED : Status.STOPPED), command, resumedBy, options, model,
        outcome.trainableCount(), done.size(),
        any ? outcome.last().testAccuracy() : null,
        any ? done.stream().mapToDouble(EpochMetrics::testAccuracy).max().orElseThrow() : null,
        outcome.elapsedSeconds(), outcome.trainingSeconds(),
        any ? outcome.imagesPerSecond() : null, currentPeakRssMiB(), exportDir,
        tensorflowVersion, javaVersion, done);
  }

  /** This record after training ended with an error: diverged or failed. */
  RunRecord failed(Status status) {
    return new RunRecord(ParsedOptions.cliName(status), command, resumedBy, options,
        model, trainableParameters, epochsDone, finalTestAccuracy, bestTestAccuracy, wallSeconds,
        trainingSeconds, imagesPerSecond, currentPeakRssMiB(), exportDir, tensorflowVersion,
        javaVersion, epochs);
  }

  /** The record of this run being resumed by {@code resumeCommand} from {@code epochs}. */
  RunRecord resumed(String resumeCommand, Map<String, String> newOptions,
      List<EpochMetrics> epochs) {
    List<String> resumes = new ArrayList<>(resumedBy == null ? List.of() : resumedBy);
    resumes.add(resumeCommand);
    return starting(command, resumes, newOptions, model, exportDir, epochs);
  }

  void write(Path runDir) throws IOException {
    SafeFiles.writeAtomically(runDir.resolve(FILE_NAME), Json.GSON.toJson(this));
  }

  /**
   * The record of the run in {@code runDir}.
   *
   * @throws UsageException if {@code runDir} holds no run record
   * @throws IOException if the record cannot be read or parsed
   */
  static RunRecord read(Path runDir) throws UsageException, IOException {
    Path file = runDir.resolve(FILE_NAME);
    try {
      RunRecord record = Json.GSON.fromJson(Files.readString(file), RunRecord.class);
      if (record == null || record.options() == null) {
        throw new IOException(file + ": not a valid run record: no options");
      }
      return record;
    } catch (NoSuchFileException e) {
      throw new UsageException("--resume " + runDir + ": not a run directory (no " + FILE_NAME
          + ")");
    } catch (JsonParseException e) {
      throw new IOException(file + ": not a valid run record: "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /** Peak resident set size of this process (VmHWM), or -1 where /proc is not available. */
  static long currentPeakRssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
