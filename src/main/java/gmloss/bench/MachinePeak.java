package gmloss.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A nominal float32 peak of this machine's CPU from /proc/cpuinfo: logical processors x clock x
 * floating-point operations per cycle (32 with AVX2 and FMA, as two 256-bit FMA pipes give on
 * Intel since Haswell and AMD since Zen 2; 16 with AVX alone; 8 otherwise). Logical processors
 * may be SMT siblings sharing one core's pipes, so the fraction of it reached is a lower bound.
 *
 * @param processors logical processors
 * @param megahertz the clock /proc/cpuinfo reports
 * @param flopsPerCycle per logical processor
 */
public record MachinePeak(String model, int processors, double megahertz, int flopsPerCycle) {

  public double gigaflops() {
    return processors * megahertz * flopsPerCycle / 1000;
  }

  /** The peak of this machine; empty where /proc/cpuinfo is missing or says too little. */
  public static Optional<MachinePeak> read() {
    try {
      return parse(Files.readAllLines(Path.of("/proc/cpuinfo")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<MachinePeak> parse(List<String> cpuinfo) {
    String model = null;
    double megahertz = 0;
    int processors = 0;
    int flopsPerCycle = 8;
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "processor" -> processors++;
        case "model name" -> model = model == null ? value : model;
        case "cpu MHz" -> megahertz = Math.max(megahertz, Double.parseDouble(value));
        case "flags" -> {
          List<String> flags = List.of(value.split(" "));
          flopsPerCycle = flags.contains("avx2") && flags.contains("fma") ? 32
              : flags.contains("avx") ? 16 : 8;
        }
        default -> { }
      }
    }
    return processors == 0 || megahertz == 0 ? Optional.empty()
        : Optional.of(new MachinePeak(model, processors, megahertz, flopsPerCycle));
  }
}
