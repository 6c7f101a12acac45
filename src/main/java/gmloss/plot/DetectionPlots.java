package gmloss.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** Pictures of a detection run: ROC curves, and the histograms of the scores they come from. */
public final class DetectionPlots {

  private static final int BINS = 50;

  private DetectionPlots() {}

  /**
   * @param curves per curve name, {false-positive rates, true-positive rates}
   */
  public static void writeRoc(String title, Map<String, double[][]> curves, Path png)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(700).height(600).title(title)
        .xAxisTitle("false-positive rate (clean inputs flagged)")
        .yAxisTitle("detection rate (suspect inputs flagged)").build();
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
    for (Map.Entry<String, double[][]> curve : curves.entrySet()) {
      chart.addSeries(curve.getKey(), curve.getValue()[0], curve.getValue()[1])
          .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }
    chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1})
        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    Figures.writePng(BitmapEncoder.getBufferedImage(chart), png);
  }

  /**
   * Histograms of each set's scores over shared bins, as step lines of the share of the set in
   * each bin, so that sets of different sizes compare.
   */
  public static void writeHistograms(String title, String scoreName,
      Map<String, double[]> sets, Path png) throws IOException {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (double[] values : sets.values()) {
      for (double value : values) {
        if (Double.isFinite(value)) {
          low = Math.min(low, value);
          high = Math.max(high, value);
        }
      }
    }
    if (!(high > low)) {
      high = low + 1;
    }
    double width = (high - low) / BINS;
    XYChart chart = new XYChartBuilder().width(700).height(500).title(title)
        .xAxisTitle(scoreName).yAxisTitle("share of the set").build();
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setXAxisDecimalPattern("0.##").setYAxisDecimalPattern("0.00");
    for (Map.Entry<String, double[]> set : sets.entrySet()) {
      double[] counts = new double[BINS];
      for (double value : set.getValue()) {
        if (Double.isFinite(value)) {
          counts[Math.min(BINS - 1, (int) ((value - low) / width))]++;
        }
      }
      double[] x = new double[2 * BINS];
      double[] y = new double[2 * BINS];
      for (int b = 0; b < BINS; b++) {
        x[2 * b] = low + b * width;
        x[2 * b + 1] = low + (b + 1) * width;
        y[2 * b] = counts[b] / Math.max(1, set.getValue().length);
        y[2 * b + 1] = y[2 * b];
      }
      chart.addSeries(set.getKey(), x, y)
          .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }
    Figures.writePng(BitmapEncoder.getBufferedImage(chart), png);
  }
}
