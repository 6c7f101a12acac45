package gmloss.train;

import gmloss.io.Terminal;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a watcher sees during an epoch: on a terminal a bar with the running loss, accuracy,
 * images/s and the time left; in a redirected log a plain timestamped line with the same numbers
 * every {@code everySteps} steps, or about every 30 seconds when that is 0.
 */
final class ProgressDisplay implements TrainingListener {

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final PrintStream out;
  private final int epochs;
  private final int everySteps;
  private final boolean bar;
  private ProgressBar progressBar;
  private int batches;
  private long lastLine;
  private int stepsInSegment;
  private long segmentStart;

  ProgressDisplay(PrintStream out, int epochs, int everySteps) {
    this(out, epochs, everySteps, Terminal.interactive());
  }

  ProgressDisplay(PrintStream out, int epochs, int everySteps, boolean bar) {
    this.out = out;
    this.epochs = epochs;
    this.everySteps = everySteps;
    this.bar = bar;
  }

  @Override
  public void epochStarted(int epoch, int firstBatch, int batches) {
    this.batches = batches;
    lastLine = System.nanoTime();
    segmentStart = lastLine;
    stepsInSegment = 0;
    if (bar) {
      progressBar = new ProgressBarBuilder().setTaskName("epoch " + (epoch + 1) + "/" + epochs)
          .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
          .startsFrom(firstBatch, Duration.ZERO).build();
    }
  }

  @Override
  public void stepDone(StepReport step) {
    String numbers = String.format(Locale.ROOT, "loss %.4f  acc %.2f%%  %.0f img/s",
        step.epochLoss(), 100 * step.epochAccuracy(), step.imagesPerSecond());
    stepsInSegment++;
    if (progressBar != null) {
      progressBar.step();
      progressBar.setExtraMessage(numbers);
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
          numbers, new BigDecimal(step.values().learningRate()).round(new MathContext(4))
              .stripTrailingZeros().toPlainString(),
          EpochMetrics.formatDuration(perStep * (batches - batch)));
      out.flush();
      lastLine = now;
    }
  }

  @Override
  public void epochDone(EpochMetrics metrics) {
    if (progressBar != null) {
      progressBar.close();
      progressBar = null;
    }
  }
}
