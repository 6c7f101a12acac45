package gmloss.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The learning rate and the head's hyper-parameters of one step: computed once, fed and
 * reported.
 *
 * @param hyperParameters by name, in the head's order
 */
public record StepValues(float learningRate, Map<String, Float> hyperParameters) {

  public StepValues {
    hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
  }

  static StepValues at(TrainingConfig config, Progress progress) {
    Map<String, Float> values = new LinkedHashMap<>();
    config.hyperParameters().forEach(h -> values.put(h.name(), h.valueAt(progress)));
    return new StepValues(config.learningRate().valueAt(progress), values);
  }
}
