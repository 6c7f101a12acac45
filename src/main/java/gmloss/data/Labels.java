package gmloss.data;

import java.nio.file.Path;

/** Checks shared by every reader. */
final class Labels {

  private Labels() {}

  static void checkRange(Path file, int[] labels, int numClasses) throws DataFileException {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new DataFileException(file, "label " + labels[i] + " of record " + i
            + " is outside 0.." + (numClasses - 1));
      }
    }
  }
}
