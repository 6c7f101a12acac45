package gmloss.plot;

import java.awt.BasicStroke;
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
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The picture the L-GM paper is known for: the 2-D features of test images, coloured by class,
 * with the class means marked and, when variances are learned, each class's contour at one
 * standard deviation.
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
    // The legend below, so that the plot is about square; both axes span the same length.
    XYChart chart = new XYChartBuilder().width(900).height(1000).title(title)
        .xAxisTitle("feature 1").yAxisTitle("feature 2").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    double[] limits = equalAxes(features);
    chart.getStyler().setXAxisMin(limits[0]).setXAxisMax(limits[1]).setYAxisMin(limits[2])
        .setYAxisMax(limits[3]);
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
        chart.addSeries(classNames.get(k), x, y).setMarker(SeriesMarkers.CIRCLE)
            .setMarkerColor(colour(k));
      }
    }
    if (means.isPresent()) {
      float[][] mu = means.get();
      double arm = 0.03 * span(features);
      for (int k = 0; k < mu.length; k++) {
        // A cross in the class's colour, outlined in black: XChart sizes markers for all series
        // at once, so a mean is drawn rather than marked.
        for (boolean outline : new boolean[] {true, false}) {
          Color colour = outline ? Color.BLACK : colour(k);
          float width = outline ? 7f : 4f;
          line(chart, "mean " + k + " across " + outline, colour, width,
              new double[] {mu[k][0] - arm, mu[k][0] + arm}, new double[] {mu[k][1], mu[k][1]});
          line(chart, "mean " + k + " down " + outline, colour, width,
              new double[] {mu[k][0], mu[k][0]}, new double[] {mu[k][1] - arm, mu[k][1] + arm});
        }
      }
      variances.ifPresent(v -> contours(chart, mu, v));
    }
    Figures.writePng(BitmapEncoder.getBufferedImage(chart), png);
  }

  /**
   * Axis limits x min, x max, y min, y max around the points, both axes spanning the same
   * length (the larger of the two ranges, and a margin), so that a round cluster looks round.
   */
  static double[] equalAxes(float[][] points) {
    double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (float[] point : points) {
      for (int axis = 0; axis < 2; axis++) {
        min[axis] = Math.min(min[axis], point[axis]);
        max[axis] = Math.max(max[axis], point[axis]);
      }
    }
    double half = 0.525 * Math.max(Math.max(max[0] - min[0], max[1] - min[1]), 1e-6);
    double[] limits = new double[4];
    for (int axis = 0; axis < 2; axis++) {
      double centre = (min[axis] + max[axis]) / 2;
      limits[2 * axis] = centre - half;
      limits[2 * axis + 1] = centre + half;
    }
    return limits;
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

  /**
   * The colour of class {@code k}: matplotlib's ten-colour "tab10" palette, whose colours stay
   * apart from each other and visible on white.
   */
  static Color colour(int k) {
    int[] palette = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x7f7f7f, 0xbcbd22, 0x17becf};
    return new Color(palette[k % palette.length]);
  }

  private static void line(XYChart chart, String name, Color colour, float width, double[] x,
      double[] y) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line)
        .setMarker(SeriesMarkers.NONE).setLineColor(colour).setShowInLegend(false);
    // Solid: XChart otherwise gives each series the next of its dash patterns.
    series.setLineStyle(new BasicStroke(width));
  }

  /** One ellipse per class, at one standard deviation around its mean, in its colour. */
  private static void contours(XYChart chart, float[][] means, float[] variances) {
    boolean diagonal = variances.length == 2 * means.length;
    for (int k = 0; k < means.length; k++) {
      double sx = Math.sqrt(diagonal ? variances[2 * k] : variances[k]);
      double sy = Math.sqrt(diagonal ? variances[2 * k + 1] : variances[k]);
      int points = 73;
      double[] x = new double[points];
      double[] y = new double[points];
      for (int p = 0; p < points; p++) {
        double angle = 2 * Math.PI * p / (points - 1);
        x[p] = means[k][0] + sx * Math.cos(angle);
        y[p] = means[k][1] + sy * Math.sin(angle);
      }
      line(chart, "contour " + k, colour(k), 2f, x, y);
    }
  }
}
