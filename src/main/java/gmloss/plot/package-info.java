/**
 * Pictures drawn with XChart, an optional dependency that the command line brings: training
 * curves ({@link gmloss.plot.Curves}), the feature space of a 2-D model
 * ({@link gmloss.plot.FeatureSpace}) and detection ROC curves and histograms
 * ({@link gmloss.plot.DetectionPlots}). Each call draws one file.
 */
package gmloss.plot;
