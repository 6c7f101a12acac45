package gmloss.train;

import gmloss.network.ModelSpec;
import java.io.IOException;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Session;

/**
 * The graph and session of a run, with every variable initialised, or restored from a
 * checkpoint. Opened before anything of the run is written, so that a checkpoint that cannot be
 * restored changes nothing.
 */
public final class TrainingSession implements AutoCloseable {

  private final Graph graph;
  private final TrainingGraph model;
  private final Session session;

  private TrainingSession(Graph graph, TrainingGraph model, Session session) {
    this.graph = graph;
    this.model = model;
    this.session = session;
  }

  /**
   * @throws IOException naming the checkpoint if {@code from} cannot be restored
   */
  public static TrainingSession open(ModelSpec spec, TrainingConfig config,
      Optional<Checkpoint> from) throws IOException {
    Graph graph = new Graph();
    Session session = null;
    try {
      TrainingGraph model = new TrainingGraph(graph, spec, config.optimizer(), config.seed());
      session = new Session(graph, config.device().sessionConfig(config.threads(), config.precision()));
      session.initialize();
      if (from.isPresent()) {
        from.get().restore(session);
      }
      return new TrainingSession(graph, model, session);
    } catch (IOException | RuntimeException e) {
      if (session != null) {
        session.close();
      }
      graph.close();
      throw e;
    }
  }

  TrainingGraph model() {
    return model;
  }

  Session session() {
    return session;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
