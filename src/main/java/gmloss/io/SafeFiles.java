package gmloss.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * File operations that leave either the old or the new content, never a mixture: what a run
 * needs to survive a kill at any moment or a full disk.
 */
public final class SafeFiles {

  private SafeFiles() {}

  /** Replaces {@code file} with {@code text} by writing a sibling, syncing it and renaming it. */
  public static void writeAtomically(Path file, String text) throws IOException {
    Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      sync(temporary);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      sync(file.toAbsolutePath().getParent());
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * A new directory in {@code parent} named {@code prefix} and a random suffix, with the
   * permissions any directory the user makes gets (the umask's). {@code Files.createTempDirectory}
   * would make it readable by its owner alone, and a staging directory renamed into place would
   * keep that: an exported model or a checkpoint another user or a serving process cannot read.
   */
  public static Path createUniqueDirectory(Path parent, String prefix) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path candidate = parent.resolve(prefix
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
      try {
        return Files.createDirectory(candidate);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  /** Forces every file under {@code directory}, and the directory itself, to the disk. */
  public static void syncTree(Path directory) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      sync(path);
    }
  }

  /** Forces a file or a directory entry list to the disk. */
  public static void sync(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, Files.isDirectory(path)
        ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** What went wrong, in words, for messages that already name the path. */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file is in the way";
    }
    if (e instanceof NoSuchFileException) {
      return "no such directory";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return fileSystem.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  /** Deletes {@code path} and everything under it; nothing if it does not exist. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
