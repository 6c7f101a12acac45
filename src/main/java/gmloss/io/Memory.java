package gmloss.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory, from /proc (Linux); -1 where that is not available. */
public final class Memory {

  private Memory() {}

  /** Resident set size now (VmRSS), in MiB. */
  public static long residentMiB() {
    return field("VmRSS:");
  }

  /** Peak resident set size so far (VmHWM), in MiB. */
  public static long peakResidentMiB() {
    return field("VmHWM:");
  }

  private static long field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
