package gmloss.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where downloaded datasets live: {@code --data-home}, else the environment variable
 * {@code GMLOSS_DATA_HOME}, else {@code ~/.gmloss/datasets}; each dataset in a folder of its name.
 */
public final class DataHome {

  public static final String VARIABLE = "GMLOSS_DATA_HOME";

  private DataHome() {}

  public static Path resolve(Optional<Path> option, Map<String, String> environment) {
    return option.orElseGet(() -> Optional.ofNullable(environment.get(VARIABLE))
        .filter(value -> !value.isBlank()).map(Path::of)
        .orElse(Path.of(System.getProperty("user.home"), ".gmloss", "datasets")));
  }
}
