package gmloss.cli;

import gmloss.loss.HeadTypes;
import gmloss.run.Recipe;
import gmloss.run.TrainSettings;
import gmloss.run.TrainingRun;
import gmloss.runtime.Cpu;
import gmloss.train.Trainer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code gmloss train}: trains a ResNet with the GM loss (or another head) and exports it. */
final class TrainCommand extends CliCommand {

  TrainCommand() {
    super("train", "train a ResNet with the GM loss (or another) and export a SavedModel",
        TrainOptionHelp.SUMMARY, TrainOptionHelp.SPECS, false, false);
  }

  @Override
  String helpEpilogue() {
    return "losses:\n" + HeadTypes.helpText() + "\n\nrecipes:\n" + Recipe.helpText();
  }

  @Override
  int run(Invocation call, PrintStream out) throws Exception {
    List<String> command = call.commandLine();
    TrainingRun run;
    Map<String, String> settings = new LinkedHashMap<>(call.explicit());
    String resumed = settings.remove("resume");
    if (resumed != null) {
      run = TrainingRun.resume(Path.of(resumed), settings, command);
    } else {
      TrainSettings given = new TrainSettings().commandLine(command);
      settings.forEach(given::set);
      run = TrainingRun.start(given);
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
