/**
 * The training loop and what it needs: {@link gmloss.train.TrainingGraph} (network, loss, weight
 * decay, optimizer), {@link gmloss.train.Trainer}, which steps, evaluates and checkpoints and tells
 * its {@link gmloss.train.TrainingListener}s, the schedules of the learning rate and the
 * head's hyper-parameters, {@link gmloss.train.Checkpoint}s and their {@link gmloss.train.CheckpointStore}, the
 * epoch's {@link gmloss.train.EpochMetrics}, and where and how a session computes
 * ({@link gmloss.train.Device}, {@link gmloss.train.Precision}). A trainer runs on one thread;
 * listeners are called on it.
 */
package gmloss.train;
