package gmloss.cli;

import gmloss.network.Json;
import gmloss.network.ModelSpec;
import gmloss.train.EpochMetrics;
import gmloss.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.TensorFlow;

/** {@code run.json}: the options, the model and the measured results of one training run. */
record RunRecord(String command, Map<String, String> options, ModelSpec model,
    long trainableParameters, double finalTestAccuracy, double bestTestAccuracy,
    double wallSeconds, double trainingSeconds, double imagesPerSecond, long peakRssMiB,
    String exportDir, String tensorflowVersion, String javaVersion,
    List<EpochMetrics> epochs) {

  static final String FILE_NAME = "run.json";

  static void write(TrainCommand.Plan plan, ModelSpec spec, Trainer.Outcome outcome,
      String command) throws IOException {
    RunRecord record = new RunRecord(command, plan.options(), spec, outcome.trainableCount(),
        outcome.last().testAccuracy(),
        outcome.epochs().stream().mapToDouble(EpochMetrics::testAccuracy).max().orElse(0),
        outcome.last().elapsedSeconds(), outcome.trainingSeconds(), outcome.imagesPerSecond(),
        currentPeakRssMiB(), plan.exportDir().toString(), TensorFlow.version(),
        System.getProperty("java.version"), outcome.epochs());
    Files.writeString(plan.runDir().resolve(FILE_NAME), Json.GSON.toJson(record));
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
