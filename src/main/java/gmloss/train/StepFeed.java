package gmloss.train;

import gmloss.data.Batch;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * What one optimizer step feeds besides its batch (learning rate, alpha, lambda, step number),
 * and the runner that feeds it all: the one way {@code train} and {@code bench} run a step.
 * Closing it frees the fed scalars.
 */
public final class StepFeed implements AutoCloseable {

  private final TrainingGraph graph;
  private final TFloat32 learningRate;
  private final TFloat32 alpha;
  private final TFloat32 lambda;
  private final TFloat32 step;

  /** @param stepNumber the optimizer step this is, counted from 1 (Adam's bias correction) */
  public StepFeed(TrainingGraph graph, StepValues values, long stepNumber) {
    this.graph = graph;
    learningRate = TFloat32.scalarOf(values.learningRate());
    alpha = TFloat32.scalarOf(values.alpha());
    lambda = TFloat32.scalarOf(values.lambda());
    step = TFloat32.scalarOf(stepNumber);
  }

  /**
   * A runner of the step on {@code batch} that fetches the batch's loss without weight decay,
   * its likelihood term and how many images it classified right, in that order.
   */
  public Session.Runner runner(Session session, Batch batch) {
    return session.runner()
        .feed(graph.images, batch.images()).feed(graph.labels, batch.labels())
        .feed(graph.learningRate, learningRate).feed(graph.alpha, alpha)
        .feed(graph.lambda, lambda).feed(graph.step, step)
        .addTarget(graph.trainStep)
        .fetch(graph.loss.total()).fetch(graph.loss.likelihood()).fetch(graph.trainCorrect);
  }

  @Override
  public void close() {
    learningRate.close();
    alpha.close();
    lambda.close();
    step.close();
  }
}
