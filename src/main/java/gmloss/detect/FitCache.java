package gmloss.detect;

import com.google.gson.JsonParseException;
import gmloss.io.Json;
import gmloss.io.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@link GaussianFit}s kept between runs, outside any SavedModel, each under a key made of the
 * model's files (every byte of its SavedModel directory) and of what it was fitted to: a changed
 * model, or other data, gets a fit of its own.
 */
public final class FitCache {

  /** Where fits go: {@code $XDG_CACHE_HOME/gmloss/gaussian-fits}, else under ~/.cache. */
  public static Path defaultDirectory(Map<String, String> environment) {
    Path base = Optional.ofNullable(environment.get("XDG_CACHE_HOME"))
        .filter(value -> !value.isBlank()).map(Path::of)
        .orElse(Path.of(System.getProperty("user.home"), ".cache"));
    return base.resolve("gmloss").resolve("gaussian-fits");
  }

  /**
   * A fit and where it is kept.
   *
   * @param cached whether it was read from the cache rather than computed now
   */
  public record Entry(GaussianFit fit, Path file, boolean cached) {}

  private final Path directory;

  public FitCache(Path directory) {
    this.directory = directory;
  }

  /**
   * The fit for the SavedModel in {@code savedModel} and {@code data}, read from the cache, or
   * computed by {@code compute} and kept. A damaged cache file is computed again.
   *
   * @param data what the fit is made of, such as "cifar10 train split, 50000 images"
   * @throws IOException if the model cannot be read or the fit cannot be kept
   */
  public Entry get(Path savedModel, String data, Supplier<GaussianFit> compute)
      throws IOException {
    Path file = directory.resolve(key(savedModel, data) + ".json");
    if (Files.isRegularFile(file)) {
      try {
        GaussianFit fit = Json.GSON.fromJson(Files.readString(file), GaussianFit.class);
        if (fit != null && fit.means() != null && fit.covariance() != null) {
          return new Entry(fit, file, true);
        }
      } catch (JsonParseException | IOException e) {
        // Computed again below, and the damaged file replaced.
      }
    }
    GaussianFit fit = compute.get();
    Files.createDirectories(directory);
    SafeFiles.writeAtomically(file, Json.GSON.toJson(fit));
    return new Entry(fit, file, false);
  }

  /** SHA-256 of every file under {@code savedModel} (relative name and bytes) and of data. */
  static String key(Path savedModel, String data) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(savedModel)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      digest.update(savedModel.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(Files.readAllBytes(file));
    }
    digest.update(data.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest.digest());
  }
}
