package gmloss.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.TfTesting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Checkpoints appear whole, the pointer names a complete one, old ones go. */
class CheckpointStoreTest {

  @TempDir
  Path run;

  private Graph graph;
  private Ops tf;
  private Variable<TFloat32> weight;
  private Session session;

  @BeforeEach
  void graphWithOneVariable() {
    graph = new Graph();
    tf = Ops.create(graph);
    weight = tf.withName("weight").variable(tf.constant(0f));
    session = new Session(graph);
    session.initialize();
  }

  @AfterEach
  void close() {
    session.close();
    graph.close();
  }

  /** Sets the variable to {@code step} and saves a checkpoint of that many steps. */
  private Checkpoint saveStep(CheckpointStore store, long step) throws IOException {
    TfTesting.assign(session, tf, weight, tf.constant((float) step));
    return store.save(session, new Checkpoint.State(null, "test", "test", 0, Map.of(), 0, step, 1,
        null, List.of(), 0, 0, 0, 0));
  }

  private float restored(Checkpoint checkpoint) throws IOException {
    TfTesting.assign(session, tf, weight, tf.constant(-1f));
    checkpoint.restore(session);
    return TfTesting.scalar(session, weight);
  }

  private static List<String> names(CheckpointStore store) throws IOException {
    return store.complete().stream().map(p -> p.getFileName().toString()).toList();
  }

  @Test
  void keepsTheNewestAndTheLatestPointerNamesTheLastSaved() throws IOException {
    CheckpointStore store = new CheckpointStore(run, 2);
    store.prepare();
    for (long step = 1; step <= 4; step++) {
      saveStep(store, step);
    }
    assertEquals(List.of("step-00000003", "step-00000004"), names(store));
    assertEquals("step-00000004\n", Files.readString(store.directory().resolve("latest")));
    Checkpoint latest = store.latest().orElseThrow();
    assertEquals(store.directoryOf(4), latest.directory());
    assertEquals(4f, restored(latest));
    assertEquals(3f, restored(new Checkpoint(store.directoryOf(3))));
  }

  @Test
  void aPartialDirectoryIsNeverTakenForACheckpointAndPrepareRemovesIt() throws IOException {
    CheckpointStore store = new CheckpointStore(run, 2);
    store.prepare();
    saveStep(store, 4);
    Path partial = Files.createDirectories(store.directory().resolve(".partial-step-00000009-1"));
    Files.writeString(partial.resolve("model.index"), "half");
    assertEquals(store.directoryOf(4), store.latest().orElseThrow().directory());
    Files.delete(store.directory().resolve("latest"));
    assertEquals(store.directoryOf(4), store.latest().orElseThrow().directory(),
        "without the pointer, the newest complete checkpoint");
    store.prepare();
    assertFalse(Files.exists(partial));
  }

  @Test
  void aPointerToNothingFallsBackToTheNewestCompleteCheckpoint() throws IOException {
    CheckpointStore store = new CheckpointStore(run, 3);
    store.prepare();
    saveStep(store, 2);
    saveStep(store, 5);
    Files.writeString(store.directory().resolve("latest"), "step-00000099\n");
    assertEquals(store.directoryOf(5), store.latest().orElseThrow().directory());
    assertEquals(Optional.empty(), new CheckpointStore(run.resolve("elsewhere"), 1).latest());
  }

  @Test
  void discardingKeepsOnlyTheCheckpointsBeforeAStep() throws IOException {
    CheckpointStore store = new CheckpointStore(run, 5);
    store.prepare();
    for (long step = 1; step <= 4; step++) {
      saveStep(store, step);
    }
    store.discardNewerThan(new Checkpoint(store.directoryOf(3)));
    assertEquals(List.of("step-00000001", "step-00000002", "step-00000003"), names(store));
    Checkpoint good = store.discardFrom(2).orElseThrow();
    assertEquals(store.directoryOf(1), good.directory());
    assertEquals(good.directory(), store.latest().orElseThrow().directory());
    assertEquals(Optional.empty(), store.discardFrom(0));
    assertEquals(Optional.empty(), store.latest());
  }

  /**
   * A live run's rotation removes the newest checkpoint while it is read: the reading goes on
   * with the newest one then, and a checkpoint that is still there when its reading fails is
   * reported as it is.
   */
  @Test
  void readingALiveRunFollowsItsRotationAndReportsOnlyRealDamage() throws IOException {
    CheckpointStore store = new CheckpointStore(run, 1);
    store.prepare();
    saveStep(store, 1);
    List<String> read = new ArrayList<>();
    Optional<Float> value = CheckpointStore.readNewest(run, checkpoint -> {
      read.add(checkpoint.directory().getFileName().toString());
      if (read.size() == 1) {
        // The run writes step 2 and, keeping one, removes step 1 under the reader.
        saveStep(store, 2);
        checkpoint.restore(session);
      }
      return restored(checkpoint);
    });
    assertEquals(List.of("step-00000001", "step-00000002"), read);
    assertEquals(Optional.of(2f), value);

    IOException damaged = assertThrows(IOException.class, () -> CheckpointStore.readNewest(run,
        checkpoint -> {
          throw new IOException(checkpoint.directory() + ": damaged");
        }));
    assertTrue(damaged.getMessage().endsWith("step-00000002: damaged"), damaged.getMessage());
    assertEquals(Optional.empty(), CheckpointStore.readNewest(work(), checkpoint -> 0));
  }

  private Path work() throws IOException {
    return Files.createDirectories(run.resolveSibling(run.getFileName() + "-empty"));
  }

  @Test
  void restoringAnIncompleteCheckpointNamesTheMissingFile() throws IOException {
    CheckpointStore store = new CheckpointStore(run, 1);
    store.prepare();
    Checkpoint checkpoint = saveStep(store, 1);
    Files.delete(checkpoint.directory().resolve("model.index"));
    IOException error = assertThrows(IOException.class, () -> checkpoint.restore(session));
    assertEquals(checkpoint.directory().resolve("model.index")
        + ": missing or empty; the checkpoint is incomplete", error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CheckpointStore(run, 0));
    assertTrue(Files.isDirectory(checkpoint.directory()));
  }
}
