package gmloss.train;

/** The learning rate, alpha and lambda of one step: computed once, fed and reported. */
public record StepValues(float learningRate, float alpha, float lambda) {

  static StepValues at(TrainingConfig config, Progress progress) {
    return new StepValues(config.learningRate().valueAt(progress),
        config.alphaSchedule().valueAt(config.alpha(), progress),
        config.lambdaSchedule().valueAt(config.lambda(), progress));
  }
}
