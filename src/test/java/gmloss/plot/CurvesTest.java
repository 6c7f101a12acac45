package gmloss.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

class CurvesTest {

  @TempDir
  Path work;

  @Test
  void aboutEightEpochsAreLabelledFromTheFirst() {
    assertEquals(List.of("1", "", "21", "", "141", "", ""), Stream.of(1, 11, 21, 31, 141, 151,
        160).map(epoch -> Curves.epochLabel(epoch, 160)).toList());
    assertEquals(List.of("1", "", "6", "11", "36"), Stream.of(1, 3, 6, 11, 36)
        .map(epoch -> Curves.epochLabel(epoch, 40)).toList());
    assertEquals(List.of("1", "2", "3", "6"), Stream.of(1, 2, 3, 6)
        .map(epoch -> Curves.epochLabel(epoch, 6)).toList());
  }

  @Test
  void eachRunIsOneSeriesOfTheEpochsThatHaveTheColumn() throws IOException {
    Path gm = work.resolve("gm.csv");
    Files.write(gm, List.of("epoch,test_accuracy", "1,0.5", "2,", "3,0.7"));
    Path softmax = work.resolve("softmax.csv");
    Files.write(softmax, List.of("epoch,test_accuracy", "1,0.6", "2,0.65"));
    Map<String, Map<String, List<Double>>> runs = new LinkedHashMap<>();
    runs.put("gm", Curves.read(gm));
    runs.put("softmax", Curves.read(softmax));

    XYChart chart = Curves.accuracies("Test accuracy", "test_accuracy", runs);

    Map<String, XYSeries> series = chart.getSeriesMap();
    assertEquals(List.of("gm", "softmax"), List.copyOf(series.keySet()));
    assertEquals(List.of(1.0, 3.0), asList(series.get("gm").getXData()));
    assertEquals(List.of(50.0, 70.0), asList(series.get("gm").getYData()));
    assertEquals(List.of(1.0, 2.0), asList(series.get("softmax").getXData()));
    assertEquals(List.of(60.0, 65.0), asList(series.get("softmax").getYData()));
  }

  private static final Function<Map<String, String>, Collection<String>> NONE_UNREAD =
      options -> List.of();

  /** A legend names each run and what it trained differently from the others compared. */
  @Test
  void legendsNameTheOptionsThatDifferBetweenTheRuns() throws IOException {
    Path first = Files.createDirectories(work.resolve("a").resolve("gm"));
    Path second = Files.createDirectories(work.resolve("b").resolve("gm"));
    Path plain = Files.createDirectories(work.resolve("softmax"));
    Files.writeString(first.resolve("run.json"), "{\"options\": {\"loss\": \"gm\","
        + " \"lambda\": 0.1, \"seed\": 42, \"run-dir\": \"a/gm\"}}");
    Files.writeString(second.resolve("run.json"), "{\"options\": {\"loss\": \"gm\","
        + " \"lambda\": 0.01, \"seed\": 42, \"run-dir\": \"b/gm\"}}");
    assertEquals(List.of(first + " (lambda 0.1)", second + " (lambda 0.01)"),
        Curves.legends(List.of(first, second), NONE_UNREAD));
    assertEquals(List.of("gm (loss gm, lambda 0.1, seed 42)", "softmax"),
        Curves.legends(List.of(first, plain), NONE_UNREAD));
    // The recipe and the loss come first, as the records list them: they say the most.
    Path tpami = Files.createDirectories(work.resolve("tpami"));
    Files.writeString(tpami.resolve("run.json"), "{\"options\": {\"recipe\": \"tpami\","
        + " \"loss\": \"gm\", \"alpha\": 0.3, \"epochs\": 300, \"seed\": 42}}");
    Path he = Files.createDirectories(work.resolve("he"));
    Files.writeString(he.resolve("run.json"), "{\"options\": {\"recipe\": \"he-softmax\","
        + " \"loss\": \"softmax\", \"alpha\": 0.1, \"epochs\": 164, \"seed\": 42}}");
    // A run's legend leaves out what its head does not read: a softmax run has no alpha.
    assertEquals(List.of("tpami (recipe tpami, loss gm, alpha 0.3)",
        "he (recipe he-softmax, loss softmax, epochs 164)"), Curves.legends(List.of(tpami, he),
        options -> options.get("loss").equals("softmax") ? List.of("alpha") : List.of()));
  }

  @Test
  void aFeaturePictureHasAxesOfTheSameSpan() {
    double[] limits = FeatureSpace.equalAxes(new float[][] {{0, 0}, {10, 2}, {4, -2}});
    assertEquals(limits[1] - limits[0], limits[3] - limits[2], 1e-9);
    assertEquals(5, (limits[0] + limits[1]) / 2, 1e-9);
    assertEquals(0, (limits[2] + limits[3]) / 2, 1e-9);
    assertEquals(10.5, limits[1] - limits[0], 1e-9);
  }

  @Test
  void theRowsOfTheMetricsFileTrainingWritesAreRead() throws IOException {
    Path csv = work.resolve("metrics.csv");
    Files.write(csv, List.of(gmloss.train.EpochMetrics.csvHeader(List.of("alpha", "lambda")),
        "1,0.1,0.1,0.1,2.0,0.5,0.3,1.5,0.4,300.0,60.0,,,,,0.5,0.9,bf16",
        "2,0.05,0.1,0.1,1.0,0.4,0.6,1.0,0.7,310.0,120.0,,,,,0.4,0.95,fp32"));
    Map<String, List<Double>> columns = Curves.read(csv);
    assertEquals(List.of(0.4, 0.7), columns.get("test_accuracy"));
    assertEquals(false, columns.containsKey("precision"));
    assertArrayEquals(new String[] {"alpha", "lambda"}, Curves.hyperParameterColumns(columns));
  }

  @Test
  void aLongRunIsALineWithoutMarkers() throws IOException {
    Path long160 = work.resolve("long.csv");
    Files.write(long160, Stream.concat(Stream.of("epoch,test_accuracy"),
        IntStream.rangeClosed(1, 160).mapToObj(epoch -> epoch + "," + epoch / 200.0)).toList());
    Path short6 = work.resolve("short.csv");
    Files.write(short6, List.of("epoch,test_accuracy", "1,0.5", "2,0.6", "3,0.7"));
    Map<String, Map<String, List<Double>>> runs = new LinkedHashMap<>();
    runs.put("long", Curves.read(long160));
    runs.put("short", Curves.read(short6));

    Map<String, XYSeries> series = Curves.accuracies("Test accuracy", "test_accuracy", runs)
        .getSeriesMap();

    assertEquals(SeriesMarkers.NONE, series.get("long").getMarker());
    assertNotEquals(SeriesMarkers.NONE, series.get("short").getMarker());
  }

  private static List<Double> asList(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
