/**
 * Images and labels: readers of the IDX (MNIST, Fashion-MNIST), CIFAR binary and folder-of-images
 * formats ({@link gmloss.data.DatasetKind} chooses), {@link gmloss.data.ImageSet} in memory,
 * {@link gmloss.data.BatchLoader} with pad-and-crop and flip augmentation on a background thread,
 * and {@link gmloss.data.DataRequest}, which finds a dataset where training finds it. Data sets
 * are immutable once read and may be shared between threads; a batch stream belongs to the thread
 * that reads it.
 */
package gmloss.data;
