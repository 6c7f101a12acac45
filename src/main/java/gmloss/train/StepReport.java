package gmloss.train;

/**
 * What one optimizer step did, for listeners.
 *
 * @param progress the step (its {@code iteration} counted from 0) and its epoch
 * @param values learning rate and hyper-parameters of the step
 * @param loss the batch's loss without weight decay
 * @param epochLoss mean loss of the epoch so far
 * @param epochAccuracy training accuracy of the epoch so far
 * @param imagesPerSecond training throughput of the epoch so far
 */
public record StepReport(Progress progress, StepValues values, float loss, double epochLoss,
    double epochAccuracy, double imagesPerSecond) {}
