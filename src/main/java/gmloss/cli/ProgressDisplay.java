package gmloss.cli;

import gmloss.io.FittedLine;
import gmloss.io.Numbers;
import gmloss.io.WordWrap;
import gmloss.train.EpochMetrics;
import gmloss.train.Checkpoint;
import gmloss.train.StepReport;
import gmloss.train.Trainer;
import gmloss.train.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.IntFunction;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a watcher sees of a run: its log lines (on a terminal in their form for its width), and
 * during an epoch, on a terminal, a bar with the running loss, accuracy, images/s and the time
 * left; in a redirected log a plain timestamped line with the same numbers every
 * {@code everySteps} steps, or about every 30 seconds when that is 0.
 */
final class ProgressDisplay implements TrainingListener {

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  /**
   * What the bar takes besides its task name and message: percentage, brackets, a bar of at
   * least 10, the step count and the two times.
   */
  private static final int BAR_PARTS = 50;
  /** Columns the bar leaves free at the end of its line. */
  private static final int ECHO = 2;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final PrintStream out;
  private final int epochs;
  private final int everySteps;
  private final boolean bar;
  private final int width;
  private ProgressBar progressBar;
  private String taskName = "";
  private int batches;
  private long lastLine;
  private int stepsInSegment;
  private long segmentStart;

  /**
   * @param bar whether to draw a bar (on a terminal) rather than print lines
   * @param width the terminal's columns; the bar leaves the last two free for the "^C" the
   *     terminal echoes on Ctrl-C, which would otherwise wrap onto a line of its own, where the
   *     bar would go on drawing and leave its old line behind
   */
  ProgressDisplay(PrintStream out, int epochs, int everySteps, boolean bar, int width) {
    this.out = out;
    this.epochs = epochs;
    this.everySteps = everySteps;
    this.bar = bar;
    this.width = width;
  }

  /**
   * A log line: on a terminal in its form for the width, broken at spaces where it is still
   * wider (continuations indented); off a terminal whole, as train.log keeps it. A bar still
   * drawn is closed first: a line logged within an epoch says that the run stops, and the bar,
   * which redraws its own line, would otherwise draw over it.
   */
  @Override
  public void logged(String line, IntFunction<String> forWidth) {
    closeBar();
    out.println(bar ? WordWrap.wrap(forWidth.apply(width), width, "    ") : line);
    out.flush();
  }

  /** The command that continues a stopped run: said before a signal ends the process. */
  @Override
  public void runStopped(Checkpoint checkpoint, Path runDir) {
    closeBar();
    out.println("resume with: " + Trainer.resumeCommand(runDir));
    out.flush();
  }

  @Override
  public void epochStarted(int epoch, int firstBatch, int batches) {
    this.batches = batches;
    lastLine = System.nanoTime();
    segmentStart = lastLine;
    stepsInSegment = 0;
    if (bar) {
      taskName = "epoch " + (epoch + 1) + "/" + epochs;
      progressBar = new ProgressBarBuilder().setTaskName(taskName).setInitialMax(batches)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
          .setMaxRenderedLength(width - ECHO).startsFrom(firstBatch, Duration.ZERO).build();
    }
  }

  @Override
  public void stepDone(StepReport step) {
    FittedLine numbers = new FittedLine()
        .add(String.format(Locale.ROOT, "loss %.4f", step.epochLoss()), 2)
        .add(String.format(Locale.ROOT, "acc %.2f%%", 100 * step.epochAccuracy()), 3)
        .add(String.format(Locale.ROOT, "%.0f img/s", step.imagesPerSecond()), 1);
    stepsInSegment++;
    if (progressBar != null) {
      progressBar.step();
      // After the epoch's last step the test split is evaluated, with no step for a while.
      boolean last = (step.progress().iteration() + 1) % batches == 0;
      progressBar.setExtraMessage(message(last ? new FittedLine().add("evaluating", 1)
          : numbers));
      return;
    }
    long now = System.nanoTime();
    boolean due = everySteps > 0 ? (step.progress().iteration() + 1) % everySteps == 0
        : now - lastLine >= DEFAULT_INTERVAL.toNanos();
    if (due) {
      int batch = (int) (step.progress().iteration() % batches) + 1;
      double perStep = (now - segmentStart) / 1e9 / stepsInSegment;
      out.printf(Locale.ROOT, "%s  epoch %d/%d  step %d/%d  %s  lr %s  eta %s%n",
          LocalDateTime.now().format(TIME), step.progress().epoch() + 1, epochs, batch, batches,
          numbers.full(), Numbers.rate(step.values().learningRate()),
          EpochMetrics.formatDuration(perStep * (batches - batch)));
      out.flush();
      lastLine = now;
    }
  }

  /** The bar's message: the running numbers that fit beside the bar, none if none fits. */
  String message(FittedLine numbers) {
    int room = width - ECHO - taskName.length() - BAR_PARTS;
    String fitted = numbers.fit(room);
    return fitted.length() <= room ? fitted : "";
  }

  @Override
  public void epochDone(EpochMetrics metrics) {
    closeBar();
  }

  /** Draws the bar one last time as it stands and ends its line. */
  private void closeBar() {
    if (progressBar != null) {
      progressBar.close();
      progressBar = null;
    }
  }
}
