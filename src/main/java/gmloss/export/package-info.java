/**
 * SavedModels and their cards: {@link gmloss.export.SavedModelExporter} writes the inference
 * graph of a checkpoint with its {@link gmloss.export.Signatures} (serving, features, GM) and a
 * {@link gmloss.export.ModelCard}, replacing a model atomically. Exports of different targets may
 * run in parallel; two exports to one target must not.
 */
package gmloss.export;
