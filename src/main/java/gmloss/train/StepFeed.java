package gmloss.train;

import gmloss.data.Batch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * What one optimizer step feeds besides its batch (learning rate, the head's hyper-parameters,
 * step number), and the runner that feeds it all: the one way {@code train} and {@code bench}
 * run a step. Closing it frees the fed scalars.
 */
public final class StepFeed implements AutoCloseable {

  private final TrainingGraph graph;
  private final TFloat32 learningRate;
  private final Map<String, TFloat32> hyperParameters = new LinkedHashMap<>();
  private final TFloat32 step;

  /**
   * @param values a value for each of the graph's hyper-parameters
   * @param stepNumber the optimizer step this is, counted from 1 (Adam's bias correction)
   * @throws IllegalArgumentException if {@code values} lacks one of the graph's hyper-parameters
   */
  public StepFeed(TrainingGraph graph, StepValues values, long stepNumber) {
    for (String name : graph.hyperParameters.keySet()) {
      if (!values.hyperParameters().containsKey(name)) {
        throw new IllegalArgumentException("no value for the hyper-parameter " + name
            + "; given " + values.hyperParameters().keySet());
      }
    }
    this.graph = graph;
    learningRate = TFloat32.scalarOf(values.learningRate());
    graph.hyperParameters.keySet().forEach(name -> hyperParameters.put(name,
        TFloat32.scalarOf(values.hyperParameters().get(name))));
    step = TFloat32.scalarOf(stepNumber);
  }

  /**
   * A runner of the step on {@code batch} that fetches the batch's loss without weight decay,
   * its likelihood term and how many images it classified right, in that order.
   */
  public Session.Runner runner(Session session, Batch batch) {
    Session.Runner runner = session.runner()
        .feed(graph.images, batch.images()).feed(graph.labels, batch.labels())
        .feed(graph.learningRate, learningRate).feed(graph.step, step);
    hyperParameters.forEach((name, value) -> runner.feed(graph.hyperParameters.get(name), value));
    return runner.addTarget(graph.trainStep)
        .fetch(graph.loss.total()).fetch(graph.loss.likelihood()).fetch(graph.trainCorrect);
  }

  @Override
  public void close() {
    learningRate.close();
    hyperParameters.values().forEach(TFloat32::close);
    step.close();
  }
}
