package gmloss.train;

import gmloss.data.Augmentation;
import java.util.List;
import java.util.Optional;

/**
 * How to train: budget, batches, seed, optimizer and the schedules of the learning rate and of
 * each hyper-parameter of the head; where, with how many threads and in which precision the
 * session computes.
 *
 * @param hyperParameters those of the head's type, in its order
 */
public record TrainingConfig(int epochs, int batchSize, int evalBatchSize, long seed,
    Optional<Augmentation> augmentation, List<HyperSetting> hyperParameters,
    OptimizerSpec optimizer, LearningRateSchedule learningRate, Device device, int threads,
    Precision precision) {

  public TrainingConfig {
    hyperParameters = List.copyOf(hyperParameters);
  }
}
