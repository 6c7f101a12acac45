package gmloss.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.inspect.LoadedModel;
import gmloss.loss.HeadTypes;
import gmloss.model.FeatureExtractor;
import gmloss.model.Mode;
import gmloss.model.Parameters;
import gmloss.network.ModelSpec;
import gmloss.network.NetworkType;
import gmloss.network.NetworkTypes;
import gmloss.options.OptionException;
import gmloss.train.Precision;
import gmloss.train.RunControl;
import gmloss.train.StepReport;
import gmloss.train.Trainer;
import gmloss.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A run as a library object: listeners stop it through the run they are given; one fit each. */
class TrainingRunApiTest {

  @TempDir
  Path work;

  private TrainSettings tiny() {
    return new TrainSettings().trainLimit(256).testLimit(64).batchSize(32).depth(8).threads(1)
        .epochs(1).runDir(work.resolve("run")).exportDir(work.resolve("model"));
  }

  /**
   * A value is checked when it is set, what depends on several settings when the run is
   * planned; both in unchecked errors that name the setting.
   */
  @Test
  void aSettingThatCannotBeUsedIsNamedByAnUncheckedError() {
    OptionException unknown = assertThrows(OptionException.class,
        () -> new TrainSettings().set("epoch", 3));
    assertEquals(Optional.of("epoch"), unknown.setting());
    assertEquals("--epoch: no such setting (did you mean --epochs?)", unknown.getMessage());
    OptionException tooFew = assertThrows(OptionException.class, () -> tiny().epochs(0));
    assertEquals(Optional.of("epochs"), tooFew.setting());
    OptionException tooLong = assertThrows(OptionException.class,
        () -> TrainingRun.start(tiny().epochs(2).warmupEpochs(2)));
    assertEquals(Optional.of("warmup-epochs"), tooLong.setting());
    OptionException wrongHead = assertThrows(OptionException.class,
        () -> tiny().loss(HeadTypes.SOFTMAX).set("variance", "isotropic").plan());
    assertEquals(Optional.of("variance"), wrongHead.setting());
    TrainingPlan plan = tiny().loss(HeadTypes.CENTER).hyperParameter("lambda", 0.05)
        .precision(Precision.BF16).plan();
    assertEquals("center", plan.head().name());
    assertEquals(0.05f, plan.training().hyperParameters().get(0).value());
    assertEquals(Precision.BF16, plan.training().precision());
  }

  @Test
  void aListenerStopsTheRunItIsGivenAndAnOutcomeWithoutEpochsHasNoLast() throws Exception {
    TrainingRun run = TrainingRun.start(tiny());
    int[] stepsSeen = {0};
    List<String> lines = new ArrayList<>();
    run.addListener(new TrainingListener() {
      private RunControl control;

      @Override
      public void logged(String line, IntFunction<String> forWidth) {
        lines.add(line);
      }

      @Override
      public void runStarted(RunControl control) {
        this.control = control;
      }

      @Override
      public void stepDone(StepReport step) {
        stepsSeen[0]++;
        if (step.progress().iteration() == 2) {
          control.requestStop();
        }
      }
    });
    Trainer.Outcome stopped = run.fit();
    assertEquals(Trainer.Ending.STOPPED, stopped.ending());
    assertEquals(3, stopsAt(stopped), "stopped after the step that asked");
    assertEquals(3, stepsSeen[0]);
    assertEquals(Optional.empty(), stopped.last());
    // The log's lines reach the listeners; none tells a program to type a command.
    assertTrue(lines.get(0).startsWith("started by a program, with --train-limit 256"),
        lines.toString());
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("stopped ")), lines.toString());
    assertTrue(lines.stream().noneMatch(line -> line.contains("gmloss train")),
        lines.toString());

    IllegalStateException again = assertThrows(IllegalStateException.class, run::fit);
    assertTrue(again.getMessage().endsWith("this TrainingRun has already been fitted once;"
        + " continue the run with TrainingRun.resume"), again.getMessage());

    Trainer.Outcome finished = TrainingRun.resume(work.resolve("run"),
        new TrainSettings().testLimit(32)).fit();
    assertEquals(Trainer.Ending.FINISHED, finished.ending());
    assertEquals(1, finished.epochs().size());
    assertEquals(finished.epochs().get(0), finished.last().orElseThrow());

    // A program started and resumed the run: its record names no command line, the settings.
    RunRecord record = RunRecord.read(work.resolve("run"));
    assertEquals(null, record.command());
    assertEquals("1", record.settings().get("epochs"));
    assertEquals(1, record.resumedBy().size());
    assertEquals(null, record.resumedBy().get(0).command());
    assertEquals(Map.of("test-limit", "32"), record.resumedBy().get(0).changes());
    assertTrue(Files.readString(work.resolve("run").resolve("train.log"))
        .startsWith("started by a program, with --train-limit 256 --test-limit 64"));
  }

  /** A network of the program's own: one linear layer on the flattened pixels. */
  private static final NetworkType LINEAR = new NetworkType() {
    @Override
    public String name() {
      return "linear-test";
    }

    @Override
    public FeatureExtractor build(Parameters parameters, ModelSpec spec) {
      int inputs = spec.height() * spec.width() * spec.channels();
      Operand<TFloat32> weights = parameters.weight("linear", parameters.init()
          .glorotUniform(Shape.of(inputs, 8), inputs, 8));
      return new FeatureExtractor() {
        @Override
        public int featureDim() {
          return 8;
        }

        @Override
        public Operand<TFloat32> features(Operand<TFloat32> images, Mode mode) {
          Ops tf = parameters.tf();
          return tf.linalg.matMul(tf.reshape(images, tf.constant(new long[] {-1, inputs})),
              weights);
        }
      };
    }
  };

  /** A registered network trains, resumes, exports and loads as the ResNet does. */
  @Test
  void aRegisteredNetworkOfTheProgramsOwnTrainsExportsAndLoads() throws Exception {
    OptionException unknown = assertThrows(OptionException.class,
        () -> tiny().set("network", "linear-test").plan());
    assertTrue(unknown.getMessage().startsWith("--network linear-test: no such network;"
        + " expected one of resnet"), unknown.getMessage());
    NetworkTypes.register(LINEAR);
    Trainer.Outcome done = TrainingRun.start(tiny().network(LINEAR).loss(HeadTypes.CENTER))
        .fit();
    assertEquals(Trainer.Ending.FINISHED, done.ending());
    assertTrue(Files.readString(work.resolve("run").resolve("train.log"))
        .contains("model: linear-test, center head, "));
    try (LoadedModel fromRun = LoadedModel.open(work.resolve("run"));
        LoadedModel exported = LoadedModel.open(work.resolve("model"))) {
      assertEquals("linear-test", exported.card().network());
      assertEquals(8, exported.means().orElseThrow()[0].length);
      assertEquals(10, fromRun.card().classNames().size());
    }
  }

  /** A record of the earlier layout, each command one line, reads as today's. */
  @Test
  void aRecordOfCommandLinesAsOneStringReadsAsWords() throws Exception {
    Path runDir = Files.createDirectories(work.resolve("old"));
    Files.writeString(runDir.resolve(RunRecord.FILE_NAME), "{\"status\": \"stopped\","
        + " \"command\": \"gmloss train --epochs 3 --overwrite\", \"resumedBy\":"
        + " [\"gmloss train --resume old --epochs 4\"], \"options\": {\"epochs\": 4},"
        + " \"results\": {\"epochsDone\": 2}}");
    RunRecord record = RunRecord.read(runDir);
    assertEquals(List.of("gmloss", "train", "--epochs", "3", "--overwrite"), record.command());
    assertEquals(Map.of("epochs", "3", "overwrite", "true"), record.settings());
    assertEquals(List.of("gmloss", "train", "--resume", "old", "--epochs", "4"),
        record.resumedBy().get(0).command());
    assertEquals(2, record.results().epochsDone());
  }

  private static long stopsAt(Trainer.Outcome outcome) throws Exception {
    return outcome.checkpoint().readState().iterations();
  }
}
