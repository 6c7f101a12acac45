package gmloss.loss;

import gmloss.io.EnumNames;
import gmloss.io.Numbers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What shapes a GM head: how its means start, which variances it learns, and the class density
 * its logits and likelihood term use.
 */
public record GmStructure(MeansInit meansInit, Variance variance, Likelihood likelihood)
    implements HeadStructure {

  public GmStructure {
    // Specs written before the density could be chosen used Caffe's.
    likelihood = likelihood == null ? Likelihood.CAFFE : likelihood;
  }

  @Override
  public String describe() {
    return "variance " + EnumNames.of(variance.shape());
  }

  @Override
  public Map<String, String> cardFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("lambdaConvention", likelihood == Likelihood.PAPER
        ? "L = CE(margin logits - 1/2 log|Sigma_k|) + lambda * mean -log N(x; mu_y, Sigma_y)"
        : "L = CE(margin logits) + lambda * mean 1/2 ||x - mu_y||^2");
    fields.put("meansInit", EnumNames.of(meansInit));
    fields.put("variance", EnumNames.of(variance.shape()));
    if (variance.learned()) {
      fields.put("varianceParameterisation", EnumNames.of(variance.parameterisation()));
      fields.put("varianceLearningRateMultiplier",
          Numbers.compact(variance.learningRateMultiplier()));
    }
    fields.put("likelihood", EnumNames.of(likelihood));
    return fields;
  }
}
