package example;

import gmloss.data.DataRequest;
import gmloss.inspect.Evaluation;
import gmloss.inspect.LoadedModel;
import gmloss.inspect.ModelData;
import gmloss.network.NetworkTypes;
import gmloss.run.TrainSettings;
import gmloss.run.TrainingRun;
import gmloss.train.RunControl;
import gmloss.train.StepReport;
import gmloss.train.Trainer;
import gmloss.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ResNet-20 with the GM loss on part of Fashion-MNIST, through the library: one short epoch that
 * stops after 10 steps (as a killed run would), is resumed from its checkpoint, exports a
 * SavedModel and is evaluated, in a temporary folder it deletes. With the argument
 * {@code small-cnn}, the same with a network of this program's own ({@link SmallCnn}) for two
 * epochs. Exits with 1 unless it stopped, resumed and learned.
 */
public final class TrainResumeExample {

  public static void main(String[] args) throws Exception {
    TrainSettings settings = new TrainSettings().trainLimit(12800).testLimit(1000).epochs(1)
        .warmupEpochs(0.2).checkpointEvery(5);
    if (args.length > 0 && args[0].equals(SmallCnn.TYPE.name())) {
      NetworkTypes.register(SmallCnn.TYPE);
      settings.network(SmallCnn.TYPE).epochs(2);
    }
    Path work = Files.createTempDirectory("gmloss-example-");
    boolean learned;
    try {
      learned = stopResumeAndEvaluate(settings, work);
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    if (!learned) {
      System.out.println("FAILED: the run did not stop, resume and learn");
      System.exit(1);
    }
  }

  /** Trains in {@code work}; true if the run stopped, resumed and learned. */
  private static boolean stopResumeAndEvaluate(TrainSettings settings, Path work)
      throws Exception {
    TrainingRun first = TrainingRun.start(settings.runDir(work.resolve("run"))
        .exportDir(work.resolve("model")));
    first.addListener(new TrainingListener() {
      private RunControl run;

      @Override
      public void runStarted(RunControl run) {
        this.run = run;
      }

      @Override
      public void stepDone(StepReport step) {
        if (step.progress().iteration() + 1 == 10) {
          run.requestStop();
        }
      }
    });
    Trainer.Outcome stopped = first.fit();
    Trainer.Outcome finished = TrainingRun.resume(work.resolve("run"), Map.of()).fit();

    try (LoadedModel model = LoadedModel.open(work.resolve("model"))) {
      ModelData data = ModelData.load(model, DataRequest.modelsOwn());
      double accuracy = Evaluation.of(model, data.data().test().first(1000), 500).confusion()
          .accuracy();
      System.out.printf("%s: first %s at %s; resumed: %s; SavedModel: %.2f%% on 1000 test"
          + " images%n", model.card().network(), stopped.ending(),
          stopped.checkpoint().directory().getFileName(), finished.ending(), 100 * accuracy);
      return stopped.ending() == Trainer.Ending.STOPPED
          && finished.ending() == Trainer.Ending.FINISHED && accuracy >= 0.3;
    }
  }
}
