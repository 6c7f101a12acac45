package gmloss.train;

import com.google.gson.JsonParseException;
import gmloss.network.Json;
import gmloss.network.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tensorflow.Session;

/**
 * A checkpoint directory: the variables (TensorFlow's format, prefix {@code model}) and a
 * {@code state.json} with the model's spec and where training stood, which is all a resumed run
 * or an export needs.
 */
public record Checkpoint(Path directory) {

  private static final String PREFIX = "model";
  private static final String STATE = "state.json";

  /**
   * What a checkpoint knows besides the variables: the model, how it was trained (the command,
   * the dataset, alpha and lambda as given) and where training stood.
   */
  public record State(ModelSpec spec, String dataset, String command, float alpha, float lambda,
      int epochsDone, long iterations, double testAccuracy) {}

  public String variablesPrefix() {
    return directory.resolve(PREFIX).toString();
  }

  public void save(Session session, State state) throws IOException {
    Files.createDirectories(directory);
    session.save(variablesPrefix());
    Path temporary = directory.resolve(STATE + ".tmp");
    Files.writeString(temporary, Json.GSON.toJson(state));
    Files.move(temporary, directory.resolve(STATE), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  public State readState() throws IOException {
    Path file = directory.resolve(STATE);
    try {
      State state = Json.GSON.fromJson(Files.readString(file), State.class);
      if (state == null || state.spec() == null) {
        throw new IOException(file + ": no model spec in checkpoint state");
      }
      return state;
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": not found (is " + directory + " a checkpoint directory?)");
    } catch (JsonParseException e) {
      throw new IOException(file + ": not a valid checkpoint state: " + e.getMessage(), e);
    }
  }

  public void restore(Session session) {
    session.restore(variablesPrefix());
  }
}
