/**
 * A whole classifier: {@link gmloss.network.Network} puts a head
 * ({@link gmloss.network.HeadKind}: GM or softmax) on the ResNet described by a
 * {@link gmloss.network.ModelSpec}, normalising raw pixels inside the graph, and gives the
 * label-free {@link gmloss.network.Inference} path that SavedModels export.
 */
package gmloss.network;
