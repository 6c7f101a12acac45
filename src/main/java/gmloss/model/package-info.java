/**
 * The network: {@link gmloss.model.ResNet} (ResNet-(6n+2) for CIFAR with option-A shortcuts, as
 * He et al.) from {@link gmloss.model.BasicBlock}, {@link gmloss.model.Conv},
 * {@link gmloss.model.BatchNorm} and {@link gmloss.model.Dense}, with its variables, their roles
 * (for weight decay and learning rates) and the batch-norm updates in
 * {@link gmloss.model.Parameters}. Builders add ops to a graph: build a graph from one thread.
 */
package gmloss.model;
