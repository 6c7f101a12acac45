/**
 * Questions to a trained model: {@link gmloss.inspect.LoadedModel} loads a SavedModel or a run's
 * latest checkpoint and predicts, {@link gmloss.inspect.Evaluation} counts its answers on a data
 * set (confusion matrix, GM mixture fit), {@link gmloss.inspect.Tta} adds flip test-time
 * augmentation, and {@link gmloss.inspect.ModelData} finds the data a model was trained on. A
 * loaded model answers {@code predict} and {@code lossGradient} from several threads at once.
 */
package gmloss.inspect;
