package gmloss.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The picture the L-GM paper is known for: the 2-D features of test images, coloured by class,
 * with the class means marked and, when variances are learned, the contours at one and two
 * standard deviations.
 */
public final class FeatureSpace {

  private FeatureSpace() {}

  /**
   * @param features one 2-D point per image
   * @param labels the true class of each image
   * @param means one 2-D mean per class (GM models)
   * @param variances per class (isotropic, [C]) or per class and axis (diagonal, [C, 2] row by
   *     row); the Gaussian of class k has covariance diag(variance), as the GM layer divides
   *     1/2 ||x - mu||^2 by it
   */
  public static void write(String title, float[][] features, int[] labels,
      List<String> classNames, Optional<float[][]> means, Optional<float[]> variances,
      Path png) throws IOException {
    XYChart chart = new XYChartBuilder().width(900).height(800).title(title)
        .xAxisTitle("feature 1").yAxisTitle("feature 2").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(3);
    for (int k = 0; k < classNames.size(); k++) {
      List<Float> x = new ArrayList<>();
      List<Float> y = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == k) {
          x.add(features[i][0]);
          y.add(features[i][1]);
        }
      }
      if (!x.isEmpty()) {
        chart.addSeries(classNames.get(k), x, y).setMarker(SeriesMarkers.CIRCLE);
      }
    }
    if (means.isPresent()) {
      float[][] mu = means.get();
      double arm = 0.02 * span(features);
      for (int k = 0; k < mu.length; k++) {
        // A black cross: XChart sizes markers for all series at once, so a mean is drawn.
        line(chart, "class means" + (k == 0 ? "" : " " + k), k == 0,
            new double[] {mu[k][0] - arm, mu[k][0] + arm}, new double[] {mu[k][1], mu[k][1]});
        line(chart, "mean " + k + " vertical", false,
            new double[] {mu[k][0], mu[k][0]}, new double[] {mu[k][1] - arm, mu[k][1] + arm});
      }
      variances.ifPresent(v -> contours(chart, mu, v));
    }
    Figures.writePng(BitmapEncoder.getBufferedImage(chart), png);
  }

  private static double span(float[][] points) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float[] point : points) {
      for (float value : point) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
    return max - min;
  }

  private static void line(XYChart chart, String name, boolean inLegend, double[] x,
      double[] y) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line)
        .setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK).setShowInLegend(inLegend);
    series.setLineWidth(3f);
  }

  /** Ellipses at one and two standard deviations around each mean. */
  private static void contours(XYChart chart, float[][] means, float[] variances) {
    boolean diagonal = variances.length == 2 * means.length;
    for (int k = 0; k < means.length; k++) {
      double sx = Math.sqrt(diagonal ? variances[2 * k] : variances[k]);
      double sy = Math.sqrt(diagonal ? variances[2 * k + 1] : variances[k]);
      for (int sigmas = 1; sigmas <= 2; sigmas++) {
        int points = 73;
        double[] x = new double[points];
        double[] y = new double[points];
        for (int p = 0; p < points; p++) {
          double angle = 2 * Math.PI * p / (points - 1);
          x[p] = means[k][0] + sigmas * sx * Math.cos(angle);
          y[p] = means[k][1] + sigmas * sy * Math.sin(angle);
        }
        XYSeries ellipse = chart.addSeries("contour " + k + "/" + sigmas, x, y);
        ellipse.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line)
            .setMarker(SeriesMarkers.NONE).setLineColor(Color.DARK_GRAY).setShowInLegend(false);
      }
    }
  }
}
