package gmloss.plot;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves of a run, from its {@code metrics.csv}, as one PNG of four panels: losses,
 * accuracies, learning rate and the head's hyper-parameters; or the accuracies of several runs side by side.
 */
public final class Curves {

  private static final int PANEL_WIDTH = 600;
  /** About this many epochs are labelled on the x axis. */
  private static final int EPOCH_LABELS = 8;
  /** Series of more epochs than this are drawn as lines without markers. */
  private static final int MARKED_EPOCHS = 50;
  private static final int PANEL_HEIGHT = 400;

  private Curves() {}

  /**
   * @throws IOException naming the file when metrics.csv is missing or has no epoch
   */
  public static void write(Path metricsCsv, Path png) throws IOException {
    Map<String, List<Double>> columns = read(metricsCsv);
    List<Double> epochs = columns.get("epoch");
    List<XYChart> panels = List.of(
        panel("Loss", epochs, columns, "train_loss", "test_loss", "val_loss"),
        panel("Accuracy (%)", epochs, inPercent(columns), "train_accuracy", "test_accuracy",
            "val_accuracy"),
        panel("Learning rate (last step of the epoch)", epochs, columns, "lr"),
        panel("Hyper-parameters of the head (last step of the epoch)", epochs, columns,
            hyperParameterColumns(columns)));
    Figures.writePng(tiled(panels, 2), png);
  }

  /**
   * Test and training accuracy of each run, in percent, one line per run named after its
   * directory and the options it trained with differently ({@link #legends}): the losses of
   * different heads are not comparable, their accuracies are.
   *
   * @param unread the options a run with these recorded options does not read (another head's),
   *     which its legend leaves out
   * @throws IOException naming the file when a run's metrics.csv is missing or has no epoch
   */
  public static void compare(List<Path> runDirs, Function<Map<String, String>,
      Collection<String>> unread, Path png) throws IOException {
    Map<String, Map<String, List<Double>>> runs = new LinkedHashMap<>();
    List<String> legends = legends(runDirs, unread);
    for (int i = 0; i < runDirs.size(); i++) {
      runs.put(legends.get(i), read(runDirs.get(i).resolve("metrics.csv")));
    }
    List<XYChart> panels = List.of(accuracies("Test accuracy (%)", "test_accuracy", runs),
        accuracies("Training accuracy (%)", "train_accuracy", runs));
    Figures.writePng(tiled(panels, panels.size()), png);
  }

  /** Options that say where or how fast a run ran, not what it trained: never in a legend. */
  private static final Set<String> NOT_TRAINING = Set.of("run-dir", "export-dir", "run-name",
      "data-dir", "data-home", "threads", "device", "checkpoint-every", "keep-checkpoints",
      "log-every", "eval-batch-size", "resume", "overwrite");

  /** How many differing options a legend names at most. */
  private static final int LEGEND_OPTIONS = 3;

  /**
   * Each run's legend: its directory's name (its path when two share a name), and the first
   * training options, in the order run.json records them, whose values differ between the runs
   * compared ("gm (lambda 0.1)" beside "gm (lambda 0.01)").
   */
  static List<String> legends(List<Path> runDirs,
      Function<Map<String, String>, Collection<String>> unread) throws IOException {
    List<Map<String, String>> options = new ArrayList<>();
    for (Path runDir : runDirs) {
      options.add(recordedOptions(runDir));
    }
    // In the order the records list them, which puts the recipe and the loss first.
    Set<String> differing = new LinkedHashSet<>();
    for (Map<String, String> run : options) {
      for (String name : run.keySet()) {
        if (!NOT_TRAINING.contains(name) && options.stream()
            .anyMatch(other -> !run.get(name).equals(other.get(name)))) {
          differing.add(name);
        }
      }
    }
    List<String> legends = new ArrayList<>();
    for (int i = 0; i < runDirs.size(); i++) {
      String name = runName(runDirs.get(i));
      boolean shared = runDirs.stream().filter(dir -> runName(dir).equals(name)).count() > 1;
      Map<String, String> run = options.get(i);
      Collection<String> ignored = unread.apply(run);
      String what = differing.stream().filter(run::containsKey)
          .filter(option -> !ignored.contains(option)).limit(LEGEND_OPTIONS)
          .map(option -> option + " " + run.get(option)).collect(Collectors.joining(", "));
      legends.add((shared ? runDirs.get(i).toString() : name)
          + (what.isEmpty() ? "" : " (" + what + ")"));
    }
    return legends;
  }

  /** The options a run's run.json records, as text; none without one. */
  private static Map<String, String> recordedOptions(Path runDir) throws IOException {
    Path record = runDir.resolve("run.json");
    if (!Files.isRegularFile(record)) {
      return Map.of();
    }
    try {
      JsonObject options = JsonParser.parseString(Files.readString(record)).getAsJsonObject()
          .getAsJsonObject("options");
      Map<String, String> values = new LinkedHashMap<>();
      if (options != null) {
        options.entrySet().forEach(e -> values.put(e.getKey(), e.getValue().getAsString()));
      }
      return values;
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new IOException(record + ": not a run record gmloss wrote: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
    }
  }

  /** The name a run goes by in a comparison: its directory's own name. */
  public static String runName(Path runDir) {
    return runDir.toAbsolutePath().normalize().getFileName().toString();
  }

  /** The panels in rows of {@code columns}, left to right, top to bottom. */
  private static BufferedImage tiled(List<XYChart> panels, int columns) {
    int rows = (panels.size() + columns - 1) / columns;
    BufferedImage image = new BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    for (int i = 0; i < panels.size(); i++) {
      graphics.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)),
          i % columns * PANEL_WIDTH, i / columns * PANEL_HEIGHT, null);
    }
    graphics.dispose();
    return image;
  }

  /** One series per run: {@code column}, an accuracy, in percent against the epoch. */
  static XYChart accuracies(String title, String column,
      Map<String, Map<String, List<Double>>> runs) {
    XYChart chart = chart(title);
    runs.forEach((name, columns) -> addSeries(chart, name, columns.get("epoch"),
        inPercent(columns).get(column)));
    labelEpochs(chart, runs.values().stream().mapToDouble(columns -> lastEpoch(columns
        .get("epoch"))).max().orElse(1));
    return chart;
  }

  /**
   * XChart puts a tick on every tenth epoch of a 160-epoch run and labels each, and three-digit
   * labels that close run together: only ticks at 1 plus a multiple of a round step are labelled.
   */
  private static void labelEpochs(XYChart chart, double lastEpoch) {
    chart.setCustomXAxisTickLabelsFormatter(epoch -> epochLabel(epoch, lastEpoch));
  }

  /** The label of the tick at {@code epoch}: empty unless 1 plus a multiple of the step. */
  static String epochLabel(double epoch, double lastEpoch) {
    double step = 1;
    while (step * EPOCH_LABELS < lastEpoch) {
      step = step * (String.valueOf((long) step).startsWith("2") ? 2.5 : 2);
    }
    return (epoch - 1) % step == 0 ? String.valueOf((long) epoch) : "";
  }

  private static double lastEpoch(List<Double> epochs) {
    return epochs.get(epochs.size() - 1);
  }

  private static XYChart chart(String title) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
        .xAxisTitle("epoch").build();
    chart.getStyler().setMarkerSize(5);
    // Below the plot: legends that name what each run trained differently are long.
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    return chart;
  }

  /** Adds the epochs at which {@code values} has a number; nothing when it has none. */
  private static void addSeries(XYChart chart, String name, List<Double> epochs,
      List<Double> values) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int i = 0; values != null && i < values.size(); i++) {
      if (!values.get(i).isNaN()) {
        x.add(epochs.get(i));
        y.add(values.get(i));
      }
    }
    if (!y.isEmpty()) {
      XYSeries series = chart.addSeries(name, x, y);
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      if (x.size() > MARKED_EPOCHS) {
        // A marker per epoch of a long run hides the line and the other runs' lines under it.
        series.setMarker(SeriesMarkers.NONE);
      }
    }
  }

  private static XYChart panel(String title, List<Double> epochs,
      Map<String, List<Double>> columns, String... names) {
    XYChart chart = chart(title);
    for (String name : names) {
      addSeries(chart, name, epochs, columns.get(name));
    }
    labelEpochs(chart, lastEpoch(epochs));
    return chart;
  }

  /** {@code columns} with every accuracy in percent, as the command line shows them. */
  static Map<String, List<Double>> inPercent(Map<String, List<Double>> columns) {
    Map<String, List<Double>> shown = new LinkedHashMap<>(columns);
    columns.forEach((name, values) -> {
      if (name.endsWith("_accuracy")) {
        shown.put(name, values.stream().map(value -> 100 * value).toList());
      }
    });
    return shown;
  }

  /** The columns between lr and train_loss: one per hyper-parameter of the head (none: softmax). */
  static String[] hyperParameterColumns(Map<String, List<Double>> columns) {
    List<String> names = new ArrayList<>(columns.keySet());
    int first = names.indexOf("lr") + 1;
    int end = names.indexOf("train_loss");
    return first > 0 && end >= first ? names.subList(first, end).toArray(String[]::new)
        : new String[0];
  }

  /** The columns of metrics.csv that hold words, not numbers. */
  private static final Set<String> TEXT_COLUMNS = Set.of("precision");

  /** Every numeric column of metrics.csv as numbers; an empty cell is NaN. */
  static Map<String, List<Double>> read(Path metricsCsv) throws IOException {
    if (!Files.isRegularFile(metricsCsv)) {
      throw new IOException(metricsCsv + ": not found; is this a run directory?");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(metricsCsv);
    } catch (CharacterCodingException e) {
      throw new IOException(metricsCsv + ": not a text file (not UTF-8); is it a metrics.csv"
          + " that gmloss wrote?", e);
    }
    if (lines.size() < 2) {
      throw new IOException(metricsCsv + ": no epoch finished yet");
    }
    String[] header = lines.get(0).split(",", -1);
    Map<String, List<Double>> columns = new LinkedHashMap<>();
    for (String name : header) {
      columns.put(name, new ArrayList<>());
    }
    TEXT_COLUMNS.forEach(columns::remove);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      for (int c = 0; c < header.length; c++) {
        if (TEXT_COLUMNS.contains(header[c])) {
          continue;
        }
        String cell = c < cells.length ? cells[c] : "";
        try {
          columns.get(header[c]).add(cell.isEmpty() ? Double.NaN : Double.parseDouble(cell));
        } catch (NumberFormatException e) {
          throw new IOException(metricsCsv + ": '" + cell + "' in column " + header[c]
              + " is not a number", e);
        }
      }
    }
    return columns;
  }
}
