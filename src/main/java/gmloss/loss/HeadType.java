package gmloss.loss;

import gmloss.model.Parameters;
import gmloss.options.OptionException;
import gmloss.options.OptionValues;
import gmloss.options.Setting;
import java.util.List;
import java.util.Optional;

/**
 * A loss head as a plug-in of training: its name, the scalars its loss reads at every step, the
 * settings it alone reads, and how it builds itself on a network's features. The training loop,
 * its checkpoints, metrics, model cards and resumes know a head only through this, so that a
 * new loss is a head type, its head and its registration in {@link HeadTypes}.
 */
public interface HeadType {

  /** The name {@code --loss} takes and every record of a run keeps: {@code gm}. */
  String name();

  /** One line on what the head is, for the help. */
  String summary();

  /** The scalars its loss reads at every step, in the order logs and metrics show them. */
  List<HyperParameter> hyperParameters();

  /**
   * The settings only this head reads, besides its hyper-parameters and their schedules: a run
   * of another head ignores them. Those {@link Setting#fixed() fixed} shape the head's
   * variables. None by default.
   */
  default List<Setting<?>> settings() {
    return List.of();
  }

  /**
   * The structure {@code options} ask for; by default the head has no choices.
   *
   * @throws OptionException naming the option whose value cannot be used
   */
  default HeadStructure structure(OptionValues options) throws OptionException {
    return defaultStructure();
  }

  /** The structure of the head with every option at its default. */
  default HeadStructure defaultStructure() {
    return new HeadStructure.None();
  }

  /** The record type of its structure, for reading it back from a checkpoint. */
  default Class<? extends HeadStructure> structureType() {
    return HeadStructure.None.class;
  }

  /**
   * Creates the head's variables in {@code parameters}' graph.
   *
   * @param structure of {@link #structureType()}
   */
  ClassifierHead build(Parameters parameters, int numClasses, int featureDim,
      HeadStructure structure);

  /** The variable that holds the class centres, [classes, features], if the head has them. */
  default Optional<String> centresVariable() {
    return Optional.empty();
  }
}
