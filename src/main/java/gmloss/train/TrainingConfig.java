package gmloss.train;

/**
 * How to train: budget, batches, seed, optimizer and the schedules of the learning rate, the
 * margin alpha and the likelihood weight lambda; where, with how many threads and in which
 * precision the session computes.
 */
public record TrainingConfig(int epochs, int batchSize, int evalBatchSize, long seed,
    java.util.Optional<gmloss.data.Augmentation> augmentation, float alpha, HyperSchedule alphaSchedule, float lambda,
    HyperSchedule lambdaSchedule, OptimizerSpec optimizer, LearningRateSchedule learningRate,
    Device device, int threads, Precision precision) {}
