package gmloss.train;

import gmloss.io.SafeFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** {@code metrics.csv}: one row per epoch, flushed as each epoch ends. */
final class MetricsCsv implements TrainingListener, AutoCloseable {

  static final String FILE_NAME = "metrics.csv";

  private final Writer writer;
  private final List<String> hyperParameterNames;

  /**
   * Writes the header and the rows of {@code history} (the epochs a resumed run already has,
   * none for a new one), then appends.
   *
   * @param hyperParameterNames the head's, a column each
   */
  MetricsCsv(Path runDir, List<String> hyperParameterNames, List<EpochMetrics> history)
      throws IOException {
    this.hyperParameterNames = List.copyOf(hyperParameterNames);
    Path file = runDir.resolve(FILE_NAME);
    StringBuilder text = new StringBuilder(EpochMetrics.csvHeader(hyperParameterNames))
        .append('\n');
    history.forEach(metrics -> text.append(metrics.csvRow(hyperParameterNames)).append('\n'));
    SafeFiles.writeAtomically(file, text.toString());
    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Override
  public void epochDone(EpochMetrics metrics) throws IOException {
    writer.write(metrics.csvRow(hyperParameterNames));
    writer.write('\n');
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
