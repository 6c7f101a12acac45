package gmloss.loss;

import java.util.Map;

/**
 * What shapes a head's variables, kept with the model's spec in every checkpoint, so that a
 * resumed run and an export rebuild the same graph; each head has its own record (GM:
 * {@link GmStructure}). Fixed for the life of a run.
 */
public interface HeadStructure {

  /** Structure of a head that has no choices. */
  record None() implements HeadStructure {
    @Override
    public String describe() {
      return "";
    }

    @Override
    public Map<String, String> cardFields() {
      return Map.of();
    }
  }

  /** The structure in words for messages about a model ("variance none"), or "". */
  String describe();

  /** What a model card says of the head besides its hyper-parameters, in order. */
  Map<String, String> cardFields();
}
