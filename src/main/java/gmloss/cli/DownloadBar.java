package gmloss.cli;

import gmloss.download.TransferDisplay;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A download's bytes and rate as a bar on a terminal; nothing in a log. */
final class DownloadBar implements TransferDisplay {

  @Override
  public Optional<Transfer> start(String name, long bytesBefore, long totalBytes) {
    if (!Terminal.interactive()) {
      return Optional.empty();
    }
    ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(totalBytes)
        .setStyle(ProgressBarStyle.ASCII).setUnit(" MiB", 1 << 20).showSpeed()
        .startsFrom(bytesBefore, Duration.ZERO).build();
    return Optional.of(new Transfer() {
      @Override
      public void advance(long bytes) {
        bar.stepBy(bytes);
      }

      @Override
      public void close() {
        bar.close();
      }
    });
  }
}
