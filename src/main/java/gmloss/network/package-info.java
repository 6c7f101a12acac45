/**
 * A whole classifier: {@link gmloss.network.Network} puts the head of a
 * {@link gmloss.loss.HeadType} (GM, softmax, center loss) on the ResNet described by a
 * {@link gmloss.network.ModelSpec}, normalising raw pixels inside the graph, and gives the
 * label-free {@link gmloss.network.Inference} path that SavedModels export.
 */
package gmloss.network;
