package gmloss.cli;

import gmloss.loss.HeadTypes;
import gmloss.run.Recipe;
import gmloss.run.TrainOptions;
import gmloss.run.TrainSettings;
import gmloss.run.TrainingRun;
import gmloss.runtime.Cpu;
import gmloss.train.Trainer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code gmloss train}: trains a ResNet with the GM loss (or another head) and exports it. */
final class TrainCommand extends CliCommand {

  TrainCommand() {
    super("train", "train a ResNet with the GM loss (or another) and export a SavedModel",
        TrainOptions.SUMMARY, TrainOptions.SPECS, false, false);
  }

  @Override
  String helpEpilogue() {
    return "losses:\n" + HeadTypes.helpText() + "\n\nrecipes:\n" + Recipe.helpText();
  }

  @Override
  int run(Invocation call, PrintStream out) throws Exception {
    List<String> command = call.commandLine();
    TrainingRun run;
    if (call.explicit().containsKey("resume")) {
      run = TrainingRun.resume(Path.of(call.explicit().get("resume")), call.explicit(),
          command);
    } else {
      TrainSettings settings = new TrainSettings().commandLine(command);
      call.explicit().forEach(settings::set);
      run = TrainingRun.start(settings);
    }
    run.plan().training().precision().warning(Cpu.read())
        .ifPresent(warning -> call.err().println("gmloss: " + warning));
    // A bar on a terminal, else a line every --log-every steps; the width only on a terminal,
    // since reading it may start a process (stty).
    boolean terminal = Terminal.interactive();
    run.addListener(new ProgressDisplay(out, run.plan().training().epochs(),
        run.plan().logEvery(), terminal, terminal ? Terminal.width() : Terminal.DEFAULT_WIDTH));
    Trainer.Outcome outcome = run.stopOnSignals().fit();
    return outcome.ending() == Trainer.Ending.STOPPED ? ExitCode.INTERRUPTED : ExitCode.OK;
  }
}
